// The book on a phone: every page at 375 × 812 CSS pixels, the width of
// many phones held upright. Nothing scrolls the page sideways, every table
// fits the column, and what does scroll sideways (a long line of code) can
// take the keyboard's focus. Screenshots of each page's first screen go to
// target/browser/phone-*.png. Run by `cargo xtask test` (step 7); see
// harness.mjs for the setup.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { audit } from './axe.mjs';
import { PAGE, SHOTS, assertNoProblems, pages, useBook } from './harness.mjs';

const book = useBook();
const PHONE = { width: 375, height: 812 };

test(`every page at ${PHONE.width} px wide: no sideways page, tables that fit`, async () => {
    const page = await book.freshPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    const problems = [];
    for (const file of PAGE ? [PAGE] : pages()) {
        await page.goto(`${book.origin}/${file}`);
        const found = await page.evaluate(() => {
            const found = [];
            const html = document.documentElement;
            if (html.scrollWidth > html.clientWidth) {
                found.push(`the page is ${html.scrollWidth} px wide on a ${html.clientWidth} px screen`);
            }
            const column = document.querySelector('main')?.clientWidth ?? html.clientWidth;
            for (const table of document.querySelectorAll('main table')) {
                const width = Math.round(table.getBoundingClientRect().width);
                if (width > column) {
                    const head = [...table.querySelectorAll('th')].map(th => th.textContent).join(' | ');
                    found.push(`the table "${head}" is ${width} px wide in a ${column} px column`);
                }
            }
            return found;
        });
        problems.push(...found.map(problem => `${file}: ${problem}`));
        // What scrolls sideways at this width must take the focus.
        problems.push(...await audit(page, { rules: ['scrollable-region-focusable'] }));
        const name = file.replace(/\.html$/, '');
        await page.screenshot({ path: path.join(SHOTS, `phone-${name}.png`) });
    }
    assertNoProblems(page);
    assert.deepEqual(problems, [], `${problems.length} problems:\n${problems.join('\n')}`);
});
