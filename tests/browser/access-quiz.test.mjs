// The quiz in each of its states, in all five themes, and print.html, as
// axe-core (WCAG 2.1 A and AA) sees them; access-pages.test.mjs does every
// other page. Run by `cargo xtask test` (step 7); see harness.mjs.

import { test } from 'node:test';
import { COLOUR_RULES, audit, auditThemes } from './axe.mjs';
import {
    CHAPTER, WHOLE_BOOK, WITH_QUIZ, assertNoProblems, assertNone, quizQuestions, takeQuiz, useBook,
} from './harness.mjs';

const book = useBook();

test('the quiz, before it starts, at each question, and in the review, in every theme', WITH_QUIZ, async () => {
    const page = await book.freshPage();
    await page.goto(`${book.origin}/${CHAPTER}`);
    const questions = await quizQuestions(page);
    const found = [];
    const state = async what => {
        const seen = await auditThemes(page, { within: '.mdbook-quiz' });
        found.push(...seen.map(line => `${what}: ${line}`));
    };
    // The first answer is wrong, so the review shows both marks.
    const quiz = await takeQuiz(page, questions, [0], {
        beforeStart: () => state('before the start'),
        beforeEach: index => state(`question ${index + 1} (${questions[index].type})`),
    });
    await state('the review');
    await quiz.getByRole('button', { name: 'see the correct answers' }).first().click();
    await quiz.locator('.answer-wrapper .context').first().waitFor();
    await state('the review with the correct answers');
    assertNoProblems(page);
    assertNone(found, 'violations');
});

test('print.html, every chapter on one page, has no serious or critical violation', WHOLE_BOOK, async () => {
    // Its chapters are the chapter pages' own markup under the same
    // stylesheets, whose colours access-pages.test.mjs checks in every
    // theme. Here the rules about structure run (ids unique across
    // chapters, headings, names), which take seconds, not the colour rules,
    // which take twenty per theme on a page this long.
    const page = await book.freshPage();
    await page.goto(`${book.origin}/print.html`);
    const found = await audit(page, { skip: COLOUR_RULES });
    assertNoProblems(page);
    assertNone(found, 'violations');
});
