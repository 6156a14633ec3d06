// The package's browser build (its Node entry imports CommonJS that a browser cannot load) has the same API.
declare module '@guidepup/virtual-screen-reader/browser.js' {
  export * from '@guidepup/virtual-screen-reader';
}
