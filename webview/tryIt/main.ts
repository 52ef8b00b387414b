// The Try It panel's browser code; built in a later step.
export {};
