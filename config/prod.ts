import type { UserConfigExport } from '@tarojs/cli'

/** Production builds (the default for `taro build`): minified, no source maps. */
export default {
  mini: {},
  h5: {
    enableSourceMap: false,
  },
} satisfies UserConfigExport<'webpack5'>
