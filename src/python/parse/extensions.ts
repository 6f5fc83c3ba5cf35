/** The files the Python frontend reads. */
export const PYTHON_EXTENSIONS = ['.py'];
