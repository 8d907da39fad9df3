// Stands in for @tarojs/taro when src/services/image.ts is bundled for the photo benchmark: the H5 path
// it measures uses only the browser's canvas, and the WeChat path (which needs Taro) is not bundled in.
export default {}
