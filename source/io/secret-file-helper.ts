function quoteForCat(file: string): string {
	return `'${file.replaceAll('\'', '\'\\\'\'')}'`;
}

/** The apiKeyHelper command that prints a secret file. */
export function secretFileHelper(file: string): string {
	return `cat ${quoteForCat(file)}`;
}
