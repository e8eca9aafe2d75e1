// The book as a reader meets it, in headless Chromium: every page, the
// chapter 1 quiz, search, navigation, run buttons, themes and page weight.
// Run by `cargo xtask test` (step 7); see harness.mjs for the setup.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    BOOK, REPO, SHOTS, contrast, launch, openWithTheme, pages, serve, summaryOrder, watchedPage,
} from './harness.mjs';

const CHAPTER = 'ch01-futures.html';
const THEMES = ['light', 'rust', 'coal', 'navy', 'ayu'];
const DARK = 'navy'; // book.toml's preferred-dark-theme

let server;
let browser;

before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await serve();
    browser = await launch();
});

after(async () => {
    await browser?.close();
    await server?.close();
});

/// A page in a context of its own: a first visit, with nothing stored.
async function freshPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    return watchedPage(context, server.origin);
}

function assertNoProblems(page) {
    assert.deepEqual(page.problems, [], `problems:\n${page.problems.join('\n')}`);
}

// ---------------------------------------------------------------- the quiz

/// The questions the page's quiz was built from: mdbook-quiz puts them, with
/// their answers, in the page itself.
async function quizQuestions(page) {
    const data = await page.getAttribute('.quiz-placeholder', 'data-quiz-questions');
    return JSON.parse(data).questions;
}

/// Waits for the quiz to render and returns its element.
async function quizRenders(page) {
    const quiz = page.locator('.mdbook-quiz');
    await quiz.waitFor({ state: 'visible', timeout: 10_000 });
    return quiz;
}

/// Answers the question on screen, rightly or wrongly, and submits it.
async function answer(page, question, right) {
    const quiz = page.locator('.mdbook-quiz');
    if (question.type === 'Tracing') {
        const compiles = right ? question.answer.doesCompile : !question.answer.doesCompile;
        await quiz.locator(`input[name=doesCompile][value="${compiles}"]`).check();
        if (compiles) {
            const stdout = right ? question.answer.stdout : 'not what it prints';
            await quiz.locator('textarea[name=stdout]').fill(stdout);
        }
    } else if (question.type === 'MultipleChoice') {
        const wanted = right ? question.answer.answer : question.prompt.distractors[0];
        const choices = quiz.locator('input[name=answer]');
        let found = false;
        for (const choice of await choices.all()) {
            if ((await choice.getAttribute('value')) === wanted) {
                await choice.check();
                found = true;
            }
        }
        assert.ok(found, `no choice reads ${JSON.stringify(wanted)}`);
    } else {
        throw new Error(`no way to answer a ${question.type} question yet`);
    }
    await quiz.locator('input[type=submit]').click();
}

/// Takes the whole quiz, answering the questions at `wrong` wrongly.
async function takeQuiz(page, questions, wrong) {
    const quiz = await quizRenders(page);
    await quiz.locator('button.start').click();
    for (const [index, question] of questions.entries()) {
        await quiz.locator('.counter', { hasText: `Question ${index + 1} / ${questions.length}` }).waitFor();
        await answer(page, question, !wrong.includes(index));
    }
    await quiz.locator('h3', { hasText: 'Answer Review' }).waitFor();
    return quiz;
}

describe('the chapter 1 quiz', () => {
    test('renders with every question of quizzes/ch01-futures.toml', async () => {
        const page = await freshPage();
        await page.goto(`${server.origin}/${CHAPTER}`);
        const quiz = await quizRenders(page);
        const toml = fs.readFileSync(path.join(REPO, 'quizzes/ch01-futures.toml'), 'utf8');
        const count = toml.split('\n').filter(line => line.trim() === '[[questions]]').length;
        assert.equal(await quiz.locator('.counter').innerText(), `${count} questions`);
        assert.equal((await quizQuestions(page)).length, count);
        await quiz.locator('button.start').click();
        await quiz.locator('.counter', { hasText: 'Question 1 /' }).waitFor();
        assert.equal(await quiz.locator('.bug-report').count(), 0, 'the bug reporter is off');
        assert.equal(await page.evaluate(() => typeof window.telemetry), 'undefined', 'no telemetry logger');
        assertNoProblems(page);
    });

    test('marks a wrong answer wrong and explains it', async () => {
        const page = await freshPage();
        await page.goto(`${server.origin}/${CHAPTER}`);
        const questions = await quizQuestions(page);
        const quiz = await takeQuiz(page, questions, [0]);
        assert.match(await quiz.innerText(), new RegExp(`You answered ${questions.length - 1}/${questions.length} questions correctly`));
        const first = quiz.locator('.answer-wrapper').first();
        assert.equal(await first.locator('.incorrect').count(), 1, 'question 1 is marked incorrect');
        assert.equal(await quiz.locator('.answer-wrapper .incorrect').count(), 1, 'and only question 1');
        // The review offers its buttons above and below the answers.
        await quiz.getByRole('button', { name: 'see the correct answers' }).first().click();
        await first.locator('.context').waitFor();
        const explanation = questions[0].context.split('\n')[0].replace(/`/g, '').trim();
        assert.ok((await first.locator('.context').innerText()).includes(explanation),
            `question 1's explanation is shown: ${explanation}`);
        assert.match(await first.innerText(), /The correct answer is:/);
        assertNoProblems(page);
    });

    test('scores right answers, keeps them across a reload, and retries the wrong one', async () => {
        const page = await freshPage();
        await page.goto(`${server.origin}/${CHAPTER}`);
        const questions = await quizQuestions(page);
        const total = questions.length;
        await takeQuiz(page, questions, [1]);
        await page.reload();
        const quiz = await quizRenders(page);
        await quiz.locator('h3', { hasText: 'Answer Review' }).waitFor();
        assert.match(await quiz.innerText(), new RegExp(`You answered ${total - 1}/${total} questions correctly`),
            'the answers survived the reload (cache_answers)');
        await quiz.getByRole('button', { name: 'retry the quiz' }).first().click();
        await quiz.locator('.counter', { hasText: 'Question 1 / 1' }).waitFor();
        await answer(page, questions[1], true);
        await quiz.locator('h3', { hasText: 'Answer Review' }).waitFor();
        assert.match(await quiz.innerText(), new RegExp(`You answered ${total}/${total} questions correctly`));
        assertNoProblems(page);
    });

    test('a page whose quiz script is missing fails these checks', async () => {
        // The proof that the checks above can fail: the same page, served
        // without mdbook-quiz's script.
        const broken = await serve(BOOK, { withhold: ['/quiz/quiz-embed.iife.js'] });
        try {
            const page = await watchedPage(await browser.newContext(), broken.origin);
            await page.goto(`${broken.origin}/${CHAPTER}`);
            await assert.rejects(
                page.locator('.mdbook-quiz').waitFor({ state: 'visible', timeout: 2_000 }),
                'without its script the quiz never renders');
            assert.ok(page.problems.some(problem => problem.includes('HTTP 404') && problem.includes('quiz-embed')),
                `the missing script is reported: ${page.problems.join('; ')}`);
        } finally {
            await broken.close();
        }
    });
});

// ---------------------------------------------------------------- pages

describe('every page', () => {
    test('loads with no console error, no failed request, and nothing from another host', async () => {
        const all = pages();
        assert.ok(all.includes('index.html') && all.includes(CHAPTER), `pages: ${all}`);
        const page = await freshPage();
        for (const file of all) {
            await page.goto(`${server.origin}/${file}`, { waitUntil: 'networkidle' });
        }
        assertNoProblems(page);
        const hosts = new Set(page.requests.map(request => new URL(request.url()).host));
        assert.deepEqual([...hosts], [new URL(server.origin).host]);
    });

    test('the sidebar lists the chapters in SUMMARY.md order', async () => {
        const page = await freshPage();
        await page.goto(`${server.origin}/index.html`);
        const links = page.locator('#mdbook-sidebar .chapter a');
        await links.first().waitFor();
        const hrefs = await links.evaluateAll(anchors => anchors.map(a => a.getAttribute('href')));
        // The sidebar also lists the headings of the page on screen (#anchors).
        const chapters = hrefs.filter(href => !href.includes('#'));
        const listed = chapters.map(href => new URL(href, page.url()).pathname.slice(1));
        assert.deepEqual(listed, summaryOrder());
        assertNoProblems(page);
    });

    test('next and previous links walk the chapters in SUMMARY.md order', async () => {
        const order = summaryOrder();
        const page = await freshPage();
        await page.goto(`${server.origin}/${order[0]}`);
        const visit = async rel => {
            const seen = [new URL(page.url()).pathname.slice(1)];
            for (;;) {
                // Wide screens show arrows at the sides, narrow ones a bar below the
                // chapter; a reader clicks whichever is on screen.
                const link = page.locator(`a[rel~=${rel}]:visible`).first();
                if ((await link.count()) === 0) {
                    return seen;
                }
                await link.click();
                await page.waitForLoadState();
                seen.push(new URL(page.url()).pathname.slice(1));
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
    test('finds chapter 1 for "Waker"', async () => {
        const page = await freshPage();
        await page.goto(`${server.origin}/index.html`);
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
    test('appear on snippets only, and send the whole program to the playground', async () => {
        const page = await freshPage();
        let sent;
        // The playground itself is not reachable from here: answer for it.
        await page.route('https://play.rust-lang.org/evaluate.json', async route => {
            sent = JSON.parse(route.request().postData());
            await route.fulfill({ json: { result: 'hello from the playground\n', error: null } });
        });
        await page.goto(`${server.origin}/${CHAPTER}`);
        const blocks = page.locator('pre:has(> code.language-rust)');
        const total = await blocks.count();
        const withButton = page.locator('pre:has(> code.language-rust):has(button.play-button)');
        const excerpts = page.locator('pre:has(> code.language-rust.noplayground)');
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

// ---------------------------------------------------------------- themes

describe('themes', () => {
    test('screenshots of the front page and a quiz, light and dark, for a person to look at', async () => {
        for (const theme of ['light', DARK]) {
            const page = await freshPage();
            await openWithTheme(page, `${server.origin}/index.html`, theme);
            await page.screenshot({ path: path.join(SHOTS, `front-${theme}.png`), fullPage: true });
            await page.goto(`${server.origin}/${CHAPTER}`);
            const quiz = await quizRenders(page);
            await quiz.locator('button.start').click();
            await quiz.locator('.counter', { hasText: 'Question 1 /' }).waitFor();
            await quiz.screenshot({ path: path.join(SHOTS, `quiz-${theme}.png`) });
            assertNoProblems(page);
        }
    });

    test('quiz text is readable in every theme (WCAG contrast at least 4.5:1)', async () => {
        const failures = [];
        for (const theme of THEMES) {
            const page = await freshPage();
            await openWithTheme(page, `${server.origin}/${CHAPTER}`, theme);
            assert.equal(await page.locator('html').getAttribute('class').then(c => c.split(' ').includes(theme)), true);
            const quiz = await quizRenders(page);
            const check = async (what, locator) => {
                const ratio = await contrast(locator.first());
                if (ratio < 4.5) {
                    failures.push(`${theme}: ${what} has contrast ${ratio.toFixed(2)}`);
                }
            };
            await check('the quiz heading', quiz.locator('h3'));
            await check('the question count', quiz.locator('.counter'));
            await check('the start button', quiz.locator('button.start'));
            await quiz.locator('button.start').click();
            await check('a question prompt', quiz.locator('.prompt p'));
            await check('program text in a prompt', quiz.locator('.prompt code'));
            await check('an answer label', quiz.locator('label'));
            await check('the submit button', quiz.locator('input[type=submit]'));
            // The book's own code-block style must not reach into the quiz's
            // numbered programs, which lay out one <code> per line in a grid.
            const tops = await quiz.locator('.prompt pre.line-numbers > code').evaluateAll(
                lines => lines.map(line => line.getBoundingClientRect().top));
            const steps = new Set(tops.slice(1).map((top, i) => Math.round(top - tops[i])));
            if (tops.length < 2 || steps.size !== 1) {
                failures.push(`${theme}: the quiz program's lines are unevenly spaced (${[...steps]} px)`);
            }
            assertNoProblems(page);
        }
        assert.deepEqual(failures, []);
    });
});

test('the theme switcher changes the theme, and the choice survives a reload', async () => {
    const page = await freshPage();
    await page.goto(`${server.origin}/${CHAPTER}`);
    await page.locator('#mdbook-theme-toggle').click();
    await page.locator(`#mdbook-theme-${DARK}`).click();
    const html = page.locator('html');
    assert.ok((await html.getAttribute('class')).split(' ').includes(DARK));
    await page.reload();
    assert.ok((await html.getAttribute('class')).split(' ').includes(DARK), 'still dark after a reload');
    assertNoProblems(page);
});

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
        const withPictures = summaryOrder().filter(file =>
            fs.readFileSync(path.join(BOOK, file), 'utf8').includes('<img '));
        for (const theme of THEMES) {
            const page = await freshPage();
            for (const file of withPictures) {
                await openWithTheme(page, `${server.origin}/${file}`, theme);
                for (const src of await page.locator('main img').evaluateAll(
                    images => images.map(img => img.src))) {
                    shown.add(src);
                }
                failures.push(...(await pictureProblems(page)).map(p => `${theme}, ${file}: ${p}`));
            }
            assertNoProblems(page);
        }
        assert.ok(shown.size > 0, 'the book shows pictures, so this test must see some');
        const page = await freshPage();
        for (const src of shown) {
            await page.goto(src);
            failures.push(...(await svgTextProblems(page)).map(p => `${src}: text ${p}`));
            const name = path.basename(new URL(src).pathname, '.svg');
            await page.screenshot({ path: path.join(SHOTS, `picture-${name}.png`) });
        }
        assert.deepEqual(failures, []);
    });

    test('a picture that does not load is reported', async () => {
        const withPictures = summaryOrder().find(file =>
            fs.readFileSync(path.join(BOOK, file), 'utf8').includes('<img src="img/'));
        assert.ok(withPictures, 'some page shows a picture');
        const html = fs.readFileSync(path.join(BOOK, withPictures), 'utf8');
        const picture = '/' + html.match(/<img src="(img\/[^"]+)"/)[1];
        const broken = await serve(BOOK, { withhold: [picture] });
        try {
            const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
            const page = await watchedPage(context, broken.origin);
            await page.goto(`${broken.origin}/${withPictures}`);
            const problems = await pictureProblems(page);
            assert.ok(problems.some(p => p.includes(`${picture.slice(1)} does not load`)), `${problems}`);
        } finally {
            await broken.close();
        }
    });
});

// ---------------------------------------------------------------- weight

describe('page weight', () => {
    test('is measured for a first visit to the front page and to a quiz page', async () => {
        const lines = [];
        for (const file of ['index.html', CHAPTER]) {
            const page = await freshPage();
            await page.goto(`${server.origin}/${file}`, { waitUntil: 'networkidle' });
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
