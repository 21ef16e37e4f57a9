// Types for what Vite adds: CSS imports and the build-time version constant.
declare module '*.css';
declare const __TANDEM_VERSION__: string;
