import type { LineProblem } from '../../shared/codeEditorSetup';

const LINE = /^line (\d+): /;

/** The messages that start with "line N: " (the CSS sanitizer's), as problems on those lines. */
export function lineProblems(messages: readonly string[]): LineProblem[] {
  const problems: LineProblem[] = [];
  for (const message of messages) {
    const match = LINE.exec(message);
    if (match) problems.push({ line: Number(match[1]), message });
  }
  return problems;
}
