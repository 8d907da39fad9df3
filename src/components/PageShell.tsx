import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { PrivacyGate } from './privacy/PrivacyGate'
import './PageShell.scss'
import './desk.scss'

// The dev identity switcher exists only in the H5 build: the guarded require is removed from the
// mini-program at build time, with its module and styles.
const DevIdentitySwitcher: (() => JSX.Element | null) | null =
  process.env.TARO_ENV === 'h5' ? require('./DevIdentitySwitcher').default : null

export interface PageShellProps {
  children?: ReactNode
  /** Test hook for the page root, e.g. `page-home`. */
  id?: string
  className?: string
  /** Pad the content to the page gutter (most pages); a hero banner wants false. */
  padded?: boolean
  /** A staff screen: on a desktop browser, a centred wide column with scaled controls (desk.scss). */
  desk?: boolean
}

/** The root of every page: warm background, gutter, the privacy prompt, and (H5) the dev identity switcher. */
export function PageShell({ children, id, className, padded = true, desk = false }: PageShellProps) {
  const classes = ['page-shell', desk ? 'page-shell--desk' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <View id={id} className={classes}>
      {padded ? <View className='page-shell__body'>{children}</View> : children}
      {DevIdentitySwitcher ? <DevIdentitySwitcher /> : null}
      {/* 隐私保护提示: first use, protected actions, WeChat's privacy check (src/services/privacy.ts). */}
      <PrivacyGate />
    </View>
  )
}

export interface PageHeaderProps {
  title: string
  subtitle?: string
}

export function PageHeader({ title, subtitle }: PageHeaderProps) {
  return (
    <View className='page-header'>
      <Text className='page-header__title'>{title}</Text>
      {subtitle ? <Text className='page-header__subtitle'>{subtitle}</Text> : null}
    </View>
  )
}

export interface SectionProps {
  title: string
  extra?: ReactNode
  id?: string
  className?: string
  children?: ReactNode
}

export function Section({ title, extra, id, className, children }: SectionProps) {
  return (
    <View id={id} className={`section${className ? ` ${className}` : ''}`}>
      <View className='section__head'>
        <Text className='section__title'>{title}</Text>
        {extra ? <View className='section__extra'>{extra}</View> : null}
      </View>
      {children}
    </View>
  )
}

export default PageShell
