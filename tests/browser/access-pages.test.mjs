// Every page of the book as axe-core (WCAG 2.1 A and AA) sees it, in all
// five themes: no serious or critical violation but the few on axe.mjs's
// allow-list, and no faint text drawn by CSS. access-quiz.test.mjs does the
// same for the quiz in each of its states. Run by `cargo xtask test` (step
// 7); see harness.mjs for the setup.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALLOWED, auditThemes } from './axe.mjs';
import { PAGE, WHOLE_BOOK, assertNoProblems, pages, quizRenders, useBook } from './harness.mjs';

const book = useBook();

describe('every page (axe-core, WCAG 2.1 A and AA)', () => {
    // The allow-list entries that matched something.
    const used = new Set();

    test('in every theme, has no serious or critical violation', async () => {
        // print.html is every chapter on one page: access-quiz.test.mjs.
        const files = (PAGE ? [PAGE] : pages()).filter(file => file !== 'print.html');
        const page = await book.freshPage();
        const found = [];
        for (const file of files) {
            await page.goto(`${book.origin}/${file}`);
            if ((await page.locator('.quiz-placeholder').count()) > 0) {
                await quizRenders(page);
            }
            found.push(...(await auditThemes(page, { used })));
            const empty = await page.locator('main th').evaluateAll(
                cells => cells.filter(cell => cell.textContent.trim() === '').length);
            if (empty > 0) {
                found.push(`${file}: ${empty} table header cells are empty (say what the column holds)`);
            }
            // A heading that repeats the one before it (the chapter's "Quiz"
            // and the quiz's own) is read twice by a screen reader.
            const repeats = await page.locator('main :is(h1, h2, h3, h4, h5, h6)').evaluateAll(headings => {
                const texts = headings.map(heading => heading.textContent.trim());
                return texts.filter((text, index) => index > 0 && text === texts[index - 1]);
            });
            found.push(...repeats.map(text => `${file}: the heading "${text}" repeats the one before it`));
        }
        assertNoProblems(page);
        assert.deepEqual(found, [], `${found.length} violations:\n${found.join('\n')}`);
    });

    test('the allow-list names only what is still found', WHOLE_BOOK, () => {
        // After the test above, which fills `used` (node:test runs a
        // describe's tests one after another). Every entry is about markup
        // on every page (mdBook's) or about one page, so the pages suffice.
        const stale = ALLOWED.filter(entry => !used.has(entry));
        assert.deepEqual(stale.map(entry => `${entry.rule} at ${entry.target ?? entry.page}`), [],
            'these allow-list entries in axe.mjs matched nothing: remove them');
    });
});
