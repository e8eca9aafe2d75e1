// The book on a phone: every page at 375 × 812 CSS pixels, the width of
// many phones held upright. Nothing is wider than the screen except inside
// its own scroller, every table fits the column, and what does scroll
// sideways (a long line of code) can take the keyboard's focus. Screenshots
// of each page's first screen go to target/browser/phone-*.png. Run by
// `cargo xtask test` (step 7); see harness.mjs for the setup.

import path from 'node:path';
import { test } from 'node:test';
import { audit } from './axe.mjs';
import {
    CHAPTER, PAGE, SHOTS, WITH_QUIZ, assertNoProblems, assertNone, pageName, pages, quizQuestions,
    takeQuiz, useBook,
} from './harness.mjs';

const book = useBook();
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/// What is too wide on the page on screen. mdBook clips the page body
/// sideways (overflow-x: clip), so a page never scrolls sideways: what is
/// too wide is cut off instead. So the test looks at the parts: the menu bar
/// and the chapter, whose content may be wider only inside a scroller of
/// its own (a code block, a table's wrapper); and each table, which must fit
/// the column.
async function tooWide(page) {
    const found = await page.evaluate(() => {
        const found = [];
        for (const part of document.querySelectorAll('#mdbook-menu-bar, main')) {
            if (part.scrollWidth > part.clientWidth + 1) {
                found.push(`the ${part.id || part.tagName.toLowerCase()} is ${part.scrollWidth} px wide, `
                    + `${part.scrollWidth - part.clientWidth} px more than the ${part.clientWidth} px it has`);
            }
        }
        const column = document.querySelector('main')?.clientWidth ?? document.documentElement.clientWidth;
        for (const table of document.querySelectorAll('main table')) {
            const width = Math.round(table.getBoundingClientRect().width);
            if (width > column) {
                const head = [...table.querySelectorAll('th')].map(th => th.textContent).join(' | ');
                found.push(`the table "${head}" is ${width} px wide in a ${column} px column`);
            }
        }
        return found;
    });
    return found.map(problem => `${pageName(page)}: ${problem}`);
}

test('every page at 375 px wide: nothing too wide, tables that fit, scrollers that take focus', async () => {
    const page = await book.freshPage(PHONE);
    const problems = [];
    for (const file of PAGE ? [PAGE] : pages()) {
        await page.goto(`${book.origin}/${file}`);
        problems.push(...await tooWide(page));
        // What scrolls sideways at this width must take the focus.
        problems.push(...await audit(page, { rules: ['scrollable-region-focusable'] }));
        const name = file.replace(/\.html$/, '');
        await page.screenshot({ path: path.join(SHOTS, `phone-${name}.png`) });
    }
    assertNoProblems(page);
    assertNone(problems);
});

test('the quiz at 375 px wide: its questions and review fit too', WITH_QUIZ, async () => {
    const page = await book.freshPage(PHONE);
    await page.goto(`${book.origin}/${CHAPTER}`);
    const problems = [];
    const check = async () => {
        problems.push(...await tooWide(page));
        problems.push(...await audit(page, { rules: ['scrollable-region-focusable'], within: '.mdbook-quiz' }));
    };
    // Each question is checked as it is shown, before it is answered.
    const questions = await quizQuestions(page);
    const quiz = await takeQuiz(page, questions, [0], { beforeEach: check });
    await check();
    await quiz.screenshot({ path: path.join(SHOTS, 'phone-quiz-review.png') });
    assertNoProblems(page);
    assertNone(problems);
});
