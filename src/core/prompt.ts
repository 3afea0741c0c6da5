/**
 * The questions `dossier new` asks on a terminal, as a port: the real one (store/prompt-inquirer.ts) uses
 * @inquirer/prompts; tests and scripted sessions answer from a JSON file (store/prompt-answers.ts).
 * Every question has a stable `key` (the field name, or `reopen`) so scripted answers can name it.
 */
export interface Choice {
  value: string;
  name: string;
  description?: string;
}

export interface Prompter {
  /** Free text; `validate` returns true or the reason it is not accepted. */
  text(q: { key: string; message: string; validate: (value: string) => true | string }): Promise<string>;
  /** One of a few fixed values (an enum). */
  select(q: { key: string; message: string; choices: Choice[] }): Promise<string>;
  /** One of many (records), narrowed by typing: a fuzzy search. */
  pick(q: { key: string; message: string; choices: Choice[] }): Promise<string>;
  /** Several of many, at least `min`. */
  pickMany(q: { key: string; message: string; choices: Choice[]; min: number }): Promise<string[]>;
  confirm(q: { key: string; message: string; default: boolean }): Promise<boolean>;
}
