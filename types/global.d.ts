/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'
declare module '*.sass'

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform being built (`taro build --type …`); branches on it are removed at build time. */
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** Mini-program appid override (Taro's own, read from .env files). */
    TARO_APP_ID?: string
    /** WeChat cloud environment id passed to Taro.cloud.init; empty for the default environment. */
    TARO_APP_CLOUD_ENV?: string
    /** H5: base URL of devcloud's HTTP API; empty means same origin. */
    TARO_APP_API_BASE?: string
  }
}
