// The app version, replaced at build time by esbuild and Vite (`define`).
declare const __TANDEM_VERSION__: string;
