/** Colour functions for human output; plain identity functions when colour is off (chalk is only loaded when on). */

export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const identity = (s: string) => s;

export const plainStyle: Style = { red: identity, yellow: identity, green: identity, cyan: identity, dim: identity, bold: identity };

export async function loadStyle(color: boolean): Promise<Style> {
  if (!color) return plainStyle;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { red: c.red, yellow: c.yellow, green: c.green, cyan: c.cyan, dim: c.dim, bold: c.bold };
}
