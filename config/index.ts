import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

/**
 * Taro 4 build for 文明同行: one source, two targets.
 *   npx taro build --type weapp  → dist/weapp/ (WeChat mini-program; project.config.json points here)
 *   npx taro build --type h5     → dist/h5/    (browser app, hash router, served by devcloud)
 *
 * Units: every stylesheet (ours and NutUI's) is written against a 375 px design, so 1px in source is
 * 2rpx in the mini-program and a screen-relative rem in H5. NutUI's own `nut-` selectors stay in px on H5,
 * as NutUI React Taro's docs prescribe.
 */

/** NutUI React Taro renders some HTML tags (div, i …); the mini-program needs @tarojs/plugin-html to map them. */
function optionalPlugin(name: string): string[] {
  try {
    require.resolve(name, { paths: [path.resolve(__dirname, '..')] })
    return [name]
  } catch {
    if (process.env.TARO_ENV !== 'h5') {
      console.warn(
        `\n[wenming] ${name} is not installed: NutUI components that render <div>/<i> will not show in the mini-program.` +
          `\n[wenming] Add "${name}": "4.2.1" to package.json dependencies.\n`,
      )
    }
    return []
  }
}

// Build-time settings the client reads as process.env.*; a .env / .env.<mode> file at the repo root wins.
const clientEnv = {
  /** WeChat cloud environment id for Taro.cloud.init; empty = the default environment. */
  TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
  /** H5 only: base URL of devcloud's HTTP API; empty = same origin. */
  TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wenming-tongxing',
    designWidth: 375,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2 / 1,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [...optionalPlugin('@tarojs/plugin-html')],
    env: clientEnv,
    defineConstants: {},
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // NutUI's docs: keep it out of prebundle, or the mini-program may miss its templates in watch mode.
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      miniCssExtractPluginOption: { ignoreOrder: true },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: {
          enable: true,
          // NutUI's px stay px on H5 (its components are sized for a 375 px viewport already).
          config: { selectorBlackList: ['nut-'] },
        },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        // Size budget for the first load (React DOM and Taro's H5 runtime alone are ~330 KB minified);
        // webpack warns when we grow past it.
        chain.performance.maxEntrypointSize(400 * 1024).maxAssetSize(300 * 1024)
        // Taro splits only initial chunks, so every lazily loaded page carried its own copy of the shared
        // components and NutUI (JS and CSS). Give code shared by two or more pages one async chunk instead.
        const splitChunks = chain.optimization.get('splitChunks')
        if (splitChunks && typeof splitChunks === 'object') {
          chain.optimization.splitChunks({
            ...splitChunks,
            cacheGroups: {
              ...splitChunks.cacheGroups,
              pagesShared: {
                name: 'pages-shared',
                chunks: 'async',
                minChunks: 2,
                priority: 5,
                reuseExistingChunk: true,
              },
            },
          })
        }
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
