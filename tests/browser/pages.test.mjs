// Every page, navigation, search, run buttons and page weight. Run by
// `cargo xtask test` (step 7); see harness.mjs for the setup.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
    CHAPTER, PAGE, SHOTS, WHOLE_BOOK, assertNoProblems, pageName, pages, summaryOrder, useBook,
} from './harness.mjs';

const book = useBook();

// ---------------------------------------------------------------- pages

describe('every page', () => {
    test('loads with no console error, no failed request, and nothing from another host', async () => {
        const all = PAGE ? [PAGE] : pages();
        assert.ok(PAGE || (all.includes('index.html') && all.includes(CHAPTER)), `pages: ${all}`);
        const page = await book.freshPage();
        for (const file of all) {
            await page.goto(`${book.origin}/${file}`, { waitUntil: 'networkidle' });
        }
        assertNoProblems(page);
        const hosts = new Set(page.requests.map(request => new URL(request.url()).host));
        assert.deepEqual([...hosts], [new URL(book.origin).host]);
    });

    test('the sidebar lists the chapters in SUMMARY.md order', WHOLE_BOOK, async () => {
        const page = await book.freshPage();
        await page.goto(`${book.origin}/index.html`);
        const links = page.locator('#mdbook-sidebar .chapter a');
        await links.first().waitFor();
        const hrefs = await links.evaluateAll(anchors => anchors.map(a => a.getAttribute('href')));
        // The sidebar also lists the headings of the page on screen (#anchors).
        const chapters = hrefs.filter(href => !href.includes('#'));
        const listed = chapters.map(href => new URL(href, page.url()).pathname.slice(1));
        assert.deepEqual(listed, summaryOrder());
        assertNoProblems(page);
    });

    test('next and previous links walk the chapters in SUMMARY.md order', WHOLE_BOOK, async () => {
        const order = summaryOrder();
        const page = await book.freshPage();
        await page.goto(`${book.origin}/${order[0]}`);
        const visit = async rel => {
            const seen = [pageName(page)];
            for (;;) {
                // Wide screens show arrows at the sides, narrow ones a bar below the
                // chapter; a reader clicks whichever is on screen.
                const link = page.locator(`a[rel~=${rel}]:visible`).first();
                if ((await link.count()) === 0) {
                    return seen;
                }
                await link.click();
                await page.waitForLoadState();
                seen.push(pageName(page));
                assert.ok(seen.length <= order.length, `went round in circles: ${seen}`);
            }
        };
        assert.deepEqual(await visit('next'), order);
        assert.deepEqual(await visit('prev'), [...order].reverse());
        assertNoProblems(page);
    });
});

// ---------------------------------------------------------------- search

describe('search', () => {
    test('finds chapter 1 for "Waker"', WHOLE_BOOK, async () => {
        const page = await book.freshPage();
        await page.goto(`${book.origin}/index.html`);
        await page.locator('#mdbook-search-toggle').click();
        // mdBook searches on keyup, so type as a reader would.
        await page.locator('#mdbook-searchbar').pressSequentially('Waker');
        const hit = page.locator(`#mdbook-searchresults a[href*="${CHAPTER}"]`).first();
        await hit.waitFor();
        assert.match(await hit.innerText(), /Futures|Waker/);
        assertNoProblems(page);
    });
});

// ---------------------------------------------------------------- run buttons

describe('run buttons', () => {
    test('appear on snippets only, and send the whole program to the playground', async t => {
        const page = await book.freshPage();
        let sent;
        // The playground itself is not reachable from here: answer for it.
        await page.route('https://play.rust-lang.org/evaluate.json', async route => {
            sent = JSON.parse(route.request().postData());
            await route.fulfill({ json: { result: 'hello from the playground\n', error: null } });
        });
        await page.goto(`${book.origin}/${CHAPTER}`);
        const blocks = page.locator('pre:has(> code.language-rust)');
        const total = await blocks.count();
        const withButton = page.locator('pre:has(> code.language-rust):has(button.play-button)');
        const excerpts = page.locator('pre:has(> code.language-rust.noplayground)');
        if (PAGE && (await withButton.count()) === 0) {
            t.skip(`${PAGE} has no snippet that runs`);
            return;
        }
        assert.ok((await withButton.count()) > 0, 'some snippets can run');
        assert.equal(await withButton.count(), total - (await excerpts.count()),
            'every Rust block runs except the ones marked noplayground (listing excerpts)');
        assert.equal(await page.locator('pre:has(> code.noplayground) button.play-button').count(), 0);

        const first = withButton.first();
        await first.hover();
        await first.locator('button.play-button').click();
        await first.locator('code.result', { hasText: 'hello from the playground' }).waitFor();
        assert.equal(sent.edition, '2024');
        assert.ok(sent.code.includes('fn main()'), 'hidden lines are sent too');
        const onlyExpected = page.problems.filter(problem => !problem.includes('play.rust-lang.org'));
        assert.deepEqual(onlyExpected, []);
    });
});

// ---------------------------------------------------------------- weight

describe('page weight', () => {
    test('is measured for a first visit to the front page and to a quiz page', WHOLE_BOOK, async () => {
        const lines = [];
        for (const file of ['index.html', CHAPTER]) {
            const page = await book.freshPage();
            await page.goto(`${book.origin}/${file}`, { waitUntil: 'networkidle' });
            let bytes = 0;
            for (const request of page.requests) {
                const sizes = await request.sizes();
                bytes += sizes.responseBodySize + sizes.responseHeadersSize;
            }
            lines.push(`${file}: ${page.requests.length} requests, ${(bytes / 1024).toFixed(0)} KiB transferred (uncompressed)`);
            assertNoProblems(page);
        }
        fs.writeFileSync(path.join(SHOTS, 'page-weights.txt'), lines.join('\n') + '\n');
        console.log(lines.join('\n'));
    });
});
