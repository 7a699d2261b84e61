// @kstreams/core public API. Nothing inside src imports this file.
export {};
