// Every page of the book as axe-core (WCAG 2.1 A and AA) sees it, in all
// five themes: no serious or critical violation but the few on axe.mjs's
// allow-list, and no faint text drawn by CSS; links underlined; no empty
// table header; no heading said twice; search results; and pages read
// without JavaScript. access-quiz.test.mjs does the quiz in each of its
// states. Run by `cargo xtask test` (step 7); see harness.mjs for the setup.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALLOWED, auditThemes } from './axe.mjs';
import {
    CHAPTER, PAGE, WHOLE_BOOK, assertNoProblems, assertNone, faintText, pageName, pages,
    quizRenders, useBook,
} from './harness.mjs';

const book = useBook();

/// What the page on screen gets wrong that axe does not judge (or judges
/// only as "minor"): links told from text by colour alone, empty table
/// header cells, a heading that repeats the one before it.
async function structureProblems(page) {
    const file = pageName(page);
    const found = [];
    const plain = await page.locator('main a[href]:not(.header)').evaluateAll(links => links
        .filter(link => link.checkVisibility() && !link.closest('.mdbook-quiz'))
        .filter(link => !getComputedStyle(link).textDecorationLine.includes('underline'))
        .map(link => link.textContent.trim().slice(0, 40)));
    found.push(...plain.map(text => `${file}: the link "${text}" is not underlined`));
    const empty = await page.locator('main th').evaluateAll(
        cells => cells.filter(cell => cell.textContent.trim() === '').length);
    if (empty > 0) {
        found.push(`${file}: ${empty} table header cells are empty (say what the column holds)`);
    }
    // The chapter's "Quiz" and the quiz's own heading, say, read twice by a
    // screen reader.
    const repeats = await page.locator('main :is(h1, h2, h3, h4, h5, h6)').evaluateAll(headings => {
        const texts = headings.map(heading => heading.textContent.trim());
        return texts.filter((text, index) => index > 0 && text === texts[index - 1]);
    });
    found.push(...repeats.map(text => `${file}: the heading "${text}" repeats the one before it`));
    return found;
}

describe('every page (axe-core, WCAG 2.1 A and AA)', () => {
    test('in every theme, has no serious or critical violation', async () => {
        // print.html is every chapter on one page: access-quiz.test.mjs.
        const files = (PAGE ? [PAGE] : pages()).filter(file => file !== 'print.html');
        const used = new Set();
        const page = await book.freshPage();
        const found = [];
        for (const file of files) {
            await page.goto(`${book.origin}/${file}`);
            if ((await page.locator('.quiz-placeholder').count()) > 0) {
                await quizRenders(page);
            }
            // Model answers and hints too.
            await page.evaluate(() => document.querySelectorAll('details').forEach(details => {
                details.open = true;
            }));
            found.push(...(await auditThemes(page, { used })));
            found.push(...(await structureProblems(page)));
        }
        assertNoProblems(page);
        assertNone(found, 'violations');
        // Every allow-list entry is about mdBook's markup on every page or
        // about one page, so a scan of the whole book meets each one.
        if (!PAGE) {
            const stale = ALLOWED.filter(entry => !used.has(entry));
            assert.deepEqual(stale.map(entry => `${entry.rule} at ${entry.target ?? entry.page}`), [],
                'these allow-list entries in axe.mjs matched nothing: remove them');
        }
    });

    test('search results, in every theme', WHOLE_BOOK, async () => {
        const page = await book.freshPage();
        await page.goto(`${book.origin}/index.html`);
        await page.locator('#mdbook-search-toggle').click();
        await page.locator('#mdbook-searchbar').pressSequentially('Waker');
        await page.locator('#mdbook-searchresults a').first().waitFor();
        const found = await auditThemes(page, { within: '#mdbook-search-wrapper' });
        assertNoProblems(page);
        assertNone(found, 'violations');
    });

    test('without JavaScript, on a light and on a dark system, text keeps 4.5:1', async () => {
        // mdBook cannot switch themes then: it shows light, or coal's colours
        // if the system prefers dark. axe cannot run either (it needs the
        // page's timers), so every piece of text is measured by the tests.
        const found = [];
        for (const colorScheme of ['light', 'dark']) {
            const page = await book.freshPage({ javaScriptEnabled: false, colorScheme });
            await page.goto(`${book.origin}/${CHAPTER}`);
            const faint = await faintText(page, 'body', { all: true });
            found.push(...faint.map(text => `${colorScheme} system: ${CHAPTER}: ${text}`));
            assertNoProblems(page);
        }
        assertNone(found, 'pieces of faint text');
    });
});
