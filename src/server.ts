export { createApp, type App, type AppOptions } from './app/app.js';
