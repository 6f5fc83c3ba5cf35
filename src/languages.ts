// The file kinds every language reads, known without loading any language: the CLI's default
// `--extensions`, and what file discovery looks at.
import { JS_EXTENSIONS } from './js/syntax/extensions';
import { PYTHON_EXTENSIONS } from './python/parse/extensions';

export const ALL_EXTENSIONS: string[] = [...JS_EXTENSIONS, ...PYTHON_EXTENSIONS];
