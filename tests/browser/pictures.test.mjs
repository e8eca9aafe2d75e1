// The pictures: each loads in every theme, says what it shows, and reads
// well. Run by `cargo xtask test` (step 7); see harness.mjs for the setup.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
    BOOK, PAGE, SHOTS, THEMES, assertNoProblems, chooseTheme, serve, summaryOrder, useBook,
    watchedPage,
} from './harness.mjs';

const book = useBook();

// ---------------------------------------------------------------- pictures

/// What is wrong with the pictures of the page on screen: each must load,
/// say in its alt text what it shows, and bring its own opaque background
/// (so that it reads the same in every theme).
async function pictureProblems(page) {
    return page.locator('main img').evaluateAll(async images => {
        const problems = [];
        for (const img of images) {
            const name = img.getAttribute('src');
            if (!img.complete) {
                await new Promise(resolve => { img.onload = img.onerror = resolve; });
            }
            if (img.naturalWidth === 0) {
                problems.push(`${name} does not load`);
                continue;
            }
            if ((img.getAttribute('alt') || '').trim().length < 20) {
                problems.push(`${name} has no alt text that says what it shows`);
            }
            const width = Math.round(img.getBoundingClientRect().width);
            const height = Math.round(img.getBoundingClientRect().height);
            const canvas = document.createElement('canvas');
            canvas.width = width;
            canvas.height = height;
            const context = canvas.getContext('2d');
            context.drawImage(img, 0, 0, width, height);
            for (const [x, y] of [[1, 1], [width - 2, 1], [1, height - 2], [width - 2, height - 2]]) {
                if (context.getImageData(x, y, 1, 1).data[3] < 255) {
                    problems.push(`${name} is transparent at (${x}, ${y}): give it an opaque background`);
                    break;
                }
            }
            if (img.getBoundingClientRect().right > document.documentElement.clientWidth) {
                problems.push(`${name} is wider than the page`);
            }
        }
        return problems;
    });
}

/// The WCAG contrast of each text of an SVG (opened as a page of its own)
/// with the shape under the middle of it; the texts below 4.5:1.
async function svgTextProblems(page) {
    return page.evaluate(() => {
        const parse = colour => {
            const numbers = (colour.match(/[\d.]+/g) || []).map(Number);
            return numbers.length >= 3 ? { r: numbers[0], g: numbers[1], b: numbers[2] } : null;
        };
        const luminance = ({ r, g, b }) => {
            const channel = value => {
                const c = value / 255;
                return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
            };
            return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
        };
        const problems = [];
        for (const text of document.querySelectorAll('text')) {
            const box = text.getBoundingClientRect();
            if (box.width === 0) {
                continue;
            }
            const fill = parse(getComputedStyle(text).fill);
            let behind = { r: 255, g: 255, b: 255 };
            const stack = document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            for (const element of stack) {
                if (element.closest('text') || element.tagName === 'svg') {
                    continue;
                }
                const style = getComputedStyle(element);
                const colour = parse(style.fill);
                if (colour && style.fill !== 'none' && Number(style.fillOpacity) >= 0.5
                    && Number(style.opacity) >= 0.5) {
                    behind = colour;
                    break;
                }
            }
            if (!fill) {
                continue;
            }
            const [a, b] = [luminance(fill), luminance(behind)];
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            if (ratio < 4.5) {
                problems.push(`"${text.textContent.trim()}" has contrast ${ratio.toFixed(2)}`);
            }
        }
        return problems;
    });
}

describe('pictures', () => {
    test('every picture loads, says what it shows, and reads the same in every theme', async () => {
        const failures = [];
        const shown = new Set();
        // Only the pages that show a picture need a visit in each theme.
        const withPictures = (PAGE ? [PAGE] : summaryOrder()).filter(file =>
            fs.readFileSync(path.join(BOOK, file), 'utf8').includes('<img '));
        const page = await book.freshPage();
        for (const file of withPictures) {
            await page.goto(`${book.origin}/${file}`);
            for (const src of await page.locator('main img').evaluateAll(
                images => images.map(img => img.src))) {
                shown.add(src);
            }
            for (const theme of THEMES) {
                await chooseTheme(page, theme);
                failures.push(...(await pictureProblems(page)).map(p => `${theme}, ${file}: ${p}`));
            }
        }
        assertNoProblems(page);
        assert.ok(PAGE || shown.size > 0, 'the book shows pictures, so this test must see some');
        for (const src of shown) {
            await page.goto(src);
            failures.push(...(await svgTextProblems(page)).map(p => `${src}: text ${p}`));
            const name = path.basename(new URL(src).pathname, '.svg');
            await page.screenshot({ path: path.join(SHOTS, `picture-${name}.png`) });
        }
        assert.deepEqual(failures, []);
    });

    test('a picture that does not load is reported', async t => {
        const withPictures = (PAGE ? [PAGE] : summaryOrder()).find(file =>
            fs.readFileSync(path.join(BOOK, file), 'utf8').includes('<img src="img/'));
        if (PAGE && !withPictures) {
            t.skip(`${PAGE} shows no picture`);
            return;
        }
        assert.ok(withPictures, 'some page shows a picture');
        const html = fs.readFileSync(path.join(BOOK, withPictures), 'utf8');
        const picture = '/' + html.match(/<img src="(img\/[^"]+)"/)[1];
        const broken = await serve(BOOK, { withhold: [picture] });
        try {
            const context = await book.browser.newContext({ viewport: { width: 1280, height: 900 } });
            const page = await watchedPage(context, broken.origin);
            await page.goto(`${broken.origin}/${withPictures}`);
            const problems = await pictureProblems(page);
            assert.ok(problems.some(p => p.includes(`${picture.slice(1)} does not load`)), `${problems}`);
        } finally {
            await broken.close();
        }
    });
});
