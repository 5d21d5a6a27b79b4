export { authorizeInSwaggerUi, type ShownResponse, tryGetInSwaggerUi } from "./swagger-ui";
export { type PageWatch, watchPage } from "./watch-page";
