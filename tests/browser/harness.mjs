// What the browser tests share: the built book served on 127.0.0.1, a
// headless Chromium, and pages that record everything that goes wrong.
//
// `cargo xtask test` builds the book and runs these tests with
//   BOOK_DIR  the built book (default: book/ in the repository)
//   CHROMIUM  the browser (default: /usr/bin/chromium, Debian's package)
//   SHOTS_DIR where screenshots go (default: target/browser/)
//   BOOK_PAGE one chapter's page, for a chapter's check (default: every page)

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BOOK = path.resolve(process.env.BOOK_DIR || path.join(REPO, 'book'));
export const SHOTS = path.resolve(process.env.SHOTS_DIR || path.join(REPO, 'target/browser'));
/// With BOOK_PAGE (`ch03-runtimes.html`), the tests look at that chapter's
/// page only, as `cargo xtask test <stem>` asks; the book-wide ones skip.
export const PAGE = process.env.BOOK_PAGE || null;

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.css': 'text/css',
    '.js': 'text/javascript',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.ttf': 'font/ttf',
};

/// Serves `root` on 127.0.0.1 on a free port, as any static web server
/// would. `withhold` lists paths to answer with 404, to break the book on
/// purpose. Returns { origin, close }.
export async function serve(root = BOOK, { withhold = [] } = {}) {
    const server = http.createServer((request, response) => {
        let file = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
        if (file.endsWith('/')) {
            file += 'index.html';
        }
        const full = path.join(root, file);
        const inside = full.startsWith(root + path.sep);
        if (!inside || withhold.includes(file) || !fs.existsSync(full) || fs.statSync(full).isDirectory()) {
            response.writeHead(404, { 'Content-Type': 'text/plain' });
            response.end('not found');
            return;
        }
        const type = TYPES[path.extname(full)] || 'application/octet-stream';
        response.writeHead(200, { 'Content-Type': type });
        response.end(fs.readFileSync(full));
    });
    await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${server.address().port}`;
    return { origin, close: () => new Promise(resolve => server.close(resolve)) };
}

/// Headless Debian Chromium, with the flags this machine needs: without the
/// background-networking ones, Chromium itself tries to reach Google.
export function launch() {
    return chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
        ],
    });
}

/// A new page that records what goes wrong: console errors, uncaught
/// exceptions, failed requests and requests to anywhere but `origin`.
/// `page.problems` lists them; `page.requests` lists every request.
export async function watchedPage(context, origin) {
    const page = await context.newPage();
    page.problems = [];
    page.requests = [];
    page.on('console', message => {
        // Chromium asks for /favicon.ico by itself on a page that names no
        // icon; only mdBook's toc.html (the table of contents for readers
        // without JavaScript) is such a page, and a 404 there is harmless.
        const browserProbe = message.location().url.endsWith('/favicon.ico');
        if (message.type() === 'error' && !browserProbe) {
            page.problems.push(`console error on ${page.url()}: ${message.text()}`);
        }
    });
    page.on('pageerror', error => page.problems.push(`uncaught exception on ${page.url()}: ${error.message}`));
    page.on('request', request => {
        page.requests.push(request);
        if (!request.url().startsWith(origin + '/') && !request.url().startsWith('data:')) {
            page.problems.push(`request to another host from ${page.url()}: ${request.url()}`);
        }
    });
    page.on('requestfailed', request => {
        const error = request.failure()?.errorText;
        // Chromium aborts what a page it is leaving still loads (a reader
        // who clicks "next" before the favicon arrives): not the book's
        // fault. A file that is missing answers 404, reported below.
        if (error === 'net::ERR_ABORTED') {
            return;
        }
        page.problems.push(`failed request from ${page.url()}: ${request.url()} (${error})`);
    });
    page.on('response', response => {
        if (response.status() >= 400) {
            page.problems.push(`HTTP ${response.status()} from ${page.url()}: ${response.url()}`);
        }
    });
    return page;
}

/// Every .html file of the book, as paths relative to its root.
export function pages(root = BOOK) {
    const found = [];
    const walk = dir => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else if (entry.name.endsWith('.html')) {
                found.push(path.relative(root, full).split(path.sep).join('/'));
            }
        }
    };
    walk(root);
    return found.sort();
}

/// The book's pages in SUMMARY.md order, as the HTML files mdBook makes of
/// them (README.md becomes index.html).
export function summaryOrder() {
    const summary = fs.readFileSync(path.join(REPO, 'src/SUMMARY.md'), 'utf8');
    return [...summary.matchAll(/\]\(([^)]+\.md)\)/g)]
        .map(match => match[1].replace(/^\.\//, ''))
        .map(link => link.replace(/(^|\/)README\.md$/, '$1index.md').replace(/\.md$/, '.html'));
}

/// Opens a page with the given mdBook theme already chosen, as a returning
/// reader's browser would have it stored.
export async function openWithTheme(page, url, theme) {
    await page.addInitScript(chosen => localStorage.setItem('mdbook-theme', chosen), theme);
    await page.goto(url);
}

/// Switches the page on screen to `theme` with the book's own theme menu,
/// as a reader would (no reload).
export async function chooseTheme(page, theme) {
    // mdBook hides its menu bar while the reader is down the page.
    await page.evaluate(() => window.scrollTo(0, 0));
    const toggle = page.locator('#mdbook-theme-toggle');
    const open = async () => (await toggle.getAttribute('aria-expanded')) === 'true';
    if (!(await open())) {
        await toggle.click();
    }
    await page.locator(`#mdbook-theme-${theme}`).click();
    // Choosing the theme already in use leaves the menu open.
    if (await open()) {
        await toggle.click();
    }
    const classes = (await page.locator('html').getAttribute('class')).split(' ');
    assert.ok(classes.includes(theme), `the page did not take the theme ${theme}: ${classes}`);
}

/// Runs in the page: the WCAG contrast ratio between the colour of an
/// element's text (or, with `pseudo` '::before' or '::after', of the text its
/// CSS draws there) and the colour actually behind it: the first of the
/// pseudo-element, the element and its ancestors with an opaque enough
/// background. Its limits, none of which the book's CSS meets today: a
/// background at most half opaque is skipped, not blended; the text's own
/// alpha, `opacity` and background images are ignored; colours must be
/// rgb()/rgba() as Chromium reports them (not color() or oklch()).
function contrastInPage(element, pseudo) {
    const parse = colour => {
        const [r, g, b, a = 1] = colour.match(/[\d.]+/g).map(Number);
        return { r, g, b, a };
    };
    const luminance = ({ r, g, b }) => {
        const channel = value => {
            const c = value / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    let background = { r: 255, g: 255, b: 255, a: 1 };
    const own = pseudo ? [parse(getComputedStyle(element, pseudo).backgroundColor)] : [];
    const ancestors = [];
    for (let node = element; node; node = node.parentElement) {
        ancestors.push(parse(getComputedStyle(node).backgroundColor));
    }
    const opaque = [...own, ...ancestors].find(colour => colour.a > 0.5);
    if (opaque) {
        background = opaque;
    }
    const text = luminance(parse(getComputedStyle(element, pseudo).color));
    const behind = luminance(background);
    const [light, dark] = text > behind ? [text, behind] : [behind, text];
    return (light + 0.05) / (dark + 0.05);
}

/// The WCAG contrast ratio of the text of `locator`, or of the text its CSS
/// draws in `pseudo` ('::before' or '::after').
export async function contrast(locator, pseudo = null) {
    return locator.evaluate(contrastInPage, pseudo);
}

/// The contrast of the text of each element named by a CSS selector in
/// `selectors` (null where none matches).
export async function contrastAt(page, selectors) {
    return page.evaluate(({ selectors, measure }) => {
        const contrastOf = new Function(`return (${measure});`)();
        return selectors.map(selector => {
            const element = document.querySelector(selector);
            return element ? contrastOf(element, null) : null;
        });
    }, { selectors, measure: contrastInPage.toString() });
}

/// Text in `scope` whose contrast is below 4.5:1, whatever its size, of two
/// kinds axe leaves out or that the tests ask of the book itself: text that
/// CSS draws with `content` in ::before and ::after (the quiz's "✗ Incorrect",
/// its line numbers), which axe does not see; with `code`, each token of
/// each code block, measured against the block's background (what axe's
/// colour rule does, at a tenth of its cost on a page of code); with `all`,
/// every piece of text (for a page without JavaScript, where axe cannot run).
export async function faintText(page, scope = 'body', { code = false, all = false } = {}) {
    return page.evaluate(({ scope, code, all, measure }) => {
        const contrastOf = new Function(`return (${measure});`)();
        const name = element => element.tagName.toLowerCase()
            + [...element.classList].map(c => `.${c}`).join('');
        const faint = [];
        for (const element of document.querySelectorAll(`${scope}, ${scope} *`)) {
            if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
                continue;
            }
            for (const pseudo of ['::before', '::after']) {
                const style = getComputedStyle(element, pseudo);
                const drawn = style.content;
                // No text: nothing drawn, an empty or blank string, a picture.
                if (['none', 'normal'].includes(drawn) || /^"\s*"$/.test(drawn)
                    || drawn.startsWith('url(') || style.display === 'none') {
                    continue;
                }
                const ratio = contrastOf(element, pseudo);
                if (ratio < 4.5) {
                    faint.push(`text drawn by CSS, ${name(element)}${pseudo} ${drawn}, has contrast ${ratio.toFixed(2)}`);
                }
            }
            const measured = (all || (code && element.closest('pre code')))
                && [...element.childNodes].some(node => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
            if (measured) {
                const ratio = contrastOf(element, null);
                if (ratio < 4.5) {
                    const text = element.textContent.trim().slice(0, 30);
                    faint.push(`${name(element)} "${text}" has contrast ${ratio.toFixed(2)}`);
                }
            }
        }
        return faint;
    }, { scope, code, all, measure: contrastInPage.toString() });
}

/// Puts `theme` on the page on screen with mdBook's own theme switch (which
/// also swaps the code-highlighting stylesheet), without opening its menu:
/// the scans switch themes many times. chooseTheme opens the menu, as a
/// reader would. toc.html has no menu and no code: there the theme is only
/// its class on <html>.
export async function setTheme(page, theme) {
    await page.evaluate(({ theme, themes }) => {
        const button = document.getElementById(`mdbook-theme-${theme}`);
        if (button) {
            button.click();
        } else {
            document.documentElement.classList.remove(...themes);
            document.documentElement.classList.add(theme);
        }
    }, { theme, themes: THEMES });
    const classes = (await page.locator('html').getAttribute('class')).split(' ');
    assert.ok(classes.includes(theme), `the page did not take the theme ${theme}: ${classes}`);
}

// The quiz page the tests take: chapter 1's, or the one chapter checked.
export const CHAPTER = PAGE ?? 'ch01-futures.html';
export const QUIZ = `quizzes/${CHAPTER.replace(/\.html$/, '.toml')}`;
/// For tests of the quiz, which skip for a page without one (an appendix may
/// have none; the quiz policy in xtask decides which may).
export const WITH_QUIZ = {
    skip: fs.existsSync(path.join(REPO, QUIZ)) ? false : `${CHAPTER} has no quiz`,
};
/// For tests about the whole book (navigation, search, weight, the checks'
/// own proofs), which skip in a run about one chapter.
export const WHOLE_BOOK = { skip: PAGE ? `only ${PAGE} is checked` : false };
export const THEMES = ['light', 'rust', 'coal', 'navy', 'ayu'];
export const DARK = 'navy'; // book.toml's preferred-dark-theme

/// What a test file needs: the book served and a browser, started before
/// its tests and stopped after them. Each file runs in a process of its
/// own, so files can run side by side.
export function useBook() {
    const book = {
        origin: null,
        browser: null,
        /// A page in a context of its own: a first visit, with nothing stored.
        /// The reader asks for less motion, so that no colour is read half
        /// way through a transition (theme/book.css turns them off then).
        async freshPage(options = {}) {
            const context = await book.browser.newContext({
                viewport: { width: 1280, height: 900 },
                reducedMotion: 'reduce',
                ...options,
            });
            return watchedPage(context, book.origin);
        },
    };
    let server;
    before(async () => {
        fs.mkdirSync(SHOTS, { recursive: true });
        server = await serve();
        book.origin = server.origin;
        book.browser = await launch();
    });
    after(async () => {
        await book.browser?.close();
        await server?.close();
    });
    return book;
}

/// The page on screen as the book names it: `ch01-futures.html`.
export function pageName(page) {
    return new URL(page.url()).pathname.slice(1) || 'index.html';
}

/// Fails with every line of `found` (violations, problems) if there is one.
export function assertNone(found, what = 'problems') {
    assert.deepEqual(found, [], `${found.length} ${what}:\n${found.join('\n')}`);
}

export function assertNoProblems(page) {
    assert.deepEqual(page.problems, [], `problems:\n${page.problems.join('\n')}`);
}

/// Waits for the quiz to render and returns its element.
export async function quizRenders(page) {
    const quiz = page.locator('.mdbook-quiz');
    await quiz.waitFor({ state: 'visible', timeout: 10_000 });
    return quiz;
}

/// The questions the page's quiz was built from: mdbook-quiz puts them, with
/// their answers, in the page itself.
export async function quizQuestions(page) {
    const data = await page.getAttribute('.quiz-placeholder', 'data-quiz-questions');
    return JSON.parse(data).questions;
}

/// What to answer to `question`, rightly or wrongly: whether the program
/// compiles and what it prints (a Tracing question), or which choice to
/// pick (MultipleChoice). The mouse and the keyboard tests answer alike.
export function intendedAnswer(question, right) {
    if (question.type === 'Tracing') {
        const compiles = right ? question.answer.doesCompile : !question.answer.doesCompile;
        return { compiles, stdout: right ? question.answer.stdout : 'not what it prints' };
    }
    if (question.type === 'MultipleChoice') {
        return { choice: right ? question.answer.answer : question.prompt.distractors[0] };
    }
    throw new Error(`no way to answer a ${question.type} question yet`);
}

/// Answers the question on screen, rightly or wrongly, and submits it.
export async function answer(page, question, right) {
    const quiz = page.locator('.mdbook-quiz');
    const { compiles, stdout, choice } = intendedAnswer(question, right);
    if (choice === undefined) {
        await quiz.locator(`input[name=doesCompile][value="${compiles}"]`).check();
        if (compiles) {
            await quiz.locator('textarea[name=stdout]').fill(stdout);
        }
    } else {
        const choices = quiz.locator('input[name=answer]');
        let found = false;
        for (const option of await choices.all()) {
            if ((await option.getAttribute('value')) === choice) {
                await option.check();
                found = true;
            }
        }
        assert.ok(found, `no choice reads ${JSON.stringify(choice)}`);
    }
    await quiz.locator('input[type=submit]').click();
}

/// Takes the whole quiz, answering the questions at `wrong` wrongly.
/// `beforeStart()` and `beforeEach(index)` look at the quiz before it starts
/// and at each question before it is answered.
export async function takeQuiz(page, questions, wrong, { beforeStart = null, beforeEach = null } = {}) {
    const quiz = await quizRenders(page);
    await beforeStart?.();
    await quiz.locator('button.start').click();
    for (const [index, question] of questions.entries()) {
        await quiz.locator('.counter', { hasText: `Question ${index + 1} / ${questions.length}` }).waitFor();
        await beforeEach?.(index);
        await answer(page, question, !wrong.includes(index));
    }
    await quiz.locator('h3', { hasText: 'Answer Review' }).waitFor();
    return quiz;
}
