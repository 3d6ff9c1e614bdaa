export * from "./auth.js";
export * from "./embeds.js";
export * from "./errors.js";
export * from "./gateway.js";
export * from "./ids.js";
export * from "./paging.js";
export * from "./permissions.js";
export * from "./users.js";
