/**
 * Every component type token, in one place. A token is part of every deployed URN: never change one
 * without adding an alias (`aliases: [{ type: "<old token>" }]`) to the component.
 */
export const TOKENS = Object.freeze({
  platform: "inferstack:platform:ModelServingPlatform",
  logging: "inferstack:logging:LoggingStack",
} as const);
