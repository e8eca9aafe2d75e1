// The themes: the quiz readable in each, the switcher, and screenshots for
// a person to look at. Run by `cargo xtask test` (step 7); see harness.mjs.

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
    CHAPTER, DARK, SHOTS, THEMES, WHOLE_BOOK, WITH_QUIZ, assertNoProblems, chooseTheme, contrast,
    openWithTheme, quizRenders, useBook,
} from './harness.mjs';

const book = useBook();

// ---------------------------------------------------------------- themes

describe('themes', () => {
    test('screenshots of the front page and a quiz, light and dark, for a person to look at', WHOLE_BOOK, async () => {
        for (const theme of ['light', DARK]) {
            const page = await book.freshPage();
            await openWithTheme(page, `${book.origin}/index.html`, theme);
            await page.screenshot({ path: path.join(SHOTS, `front-${theme}.png`), fullPage: true });
            await page.goto(`${book.origin}/${CHAPTER}`);
            const quiz = await quizRenders(page);
            await quiz.locator('button.start').click();
            await quiz.locator('.counter', { hasText: 'Question 1 /' }).waitFor();
            await quiz.screenshot({ path: path.join(SHOTS, `quiz-${theme}.png`) });
            assertNoProblems(page);
        }
    });

    test('quiz text is readable in every theme (WCAG contrast at least 4.5:1)', WITH_QUIZ, async () => {
        const failures = [];
        const page = await book.freshPage();
        await page.goto(`${book.origin}/${CHAPTER}`);
        const quiz = await quizRenders(page);
        const check = async (theme, what, locator) => {
            const ratio = await contrast(locator.first());
            if (ratio < 4.5) {
                failures.push(`${theme}: ${what} has contrast ${ratio.toFixed(2)}`);
            }
        };
        // The quiz before it starts, then a question, in each theme.
        for (const theme of THEMES) {
            await chooseTheme(page, theme);
            await check(theme, 'the quiz heading', quiz.locator('h3'));
            await check(theme, 'the question count', quiz.locator('.counter'));
            await check(theme, 'the start button', quiz.locator('button.start'));
        }
        await quiz.locator('button.start').click();
        for (const theme of THEMES) {
            await chooseTheme(page, theme);
            await check(theme, 'a question prompt', quiz.locator('.prompt p'));
            await check(theme, 'program text in a prompt', quiz.locator('.prompt code'));
            await check(theme, 'an answer label', quiz.locator('label'));
            await check(theme, 'the submit button', quiz.locator('input[type=submit]'));
            // The book's own code-block style must not reach into the quiz's
            // numbered programs, which lay out one <code> per line in a grid.
            const tops = await quiz.locator('.prompt pre.line-numbers > code').evaluateAll(
                lines => lines.map(line => line.getBoundingClientRect().top));
            const steps = new Set(tops.slice(1).map((top, i) => Math.round(top - tops[i])));
            if (tops.length < 2 || steps.size !== 1) {
                failures.push(`${theme}: the quiz program's lines are unevenly spaced (${[...steps]} px)`);
            }
        }
        assertNoProblems(page);
        assert.deepEqual(failures, []);
    });
});

test('the theme switcher changes the theme, and the choice survives a reload', WHOLE_BOOK, async () => {
    const page = await book.freshPage();
    await page.goto(`${book.origin}/${CHAPTER}`);
    await page.locator('#mdbook-theme-toggle').click();
    await page.locator(`#mdbook-theme-${DARK}`).click();
    const html = page.locator('html');
    assert.ok((await html.getAttribute('class')).split(' ').includes(DARK));
    await page.reload();
    assert.ok((await html.getAttribute('class')).split(' ').includes(DARK), 'still dark after a reload');
    assertNoProblems(page);
});
