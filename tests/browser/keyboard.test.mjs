// The book by keyboard alone: Tab reaches every Copy and Run button (and
// shows it), the quiz can be started, answered and reviewed without a
// mouse, and a Run result is announced to screen readers. Run by
// `cargo xtask test` (step 7); see harness.mjs for the setup.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
    CHAPTER, PAGE, THEMES, WITH_QUIZ, assertNoProblems, contrast, intendedAnswer, quizQuestions,
    quizRenders, setTheme, useBook,
} from './harness.mjs';

const book = useBook();

/// Presses Tab until the focused element matches `selector` (and, with
/// `text`, contains that text); fails after `limit` presses.
async function tabTo(page, selector, { text = null, limit = 400 } = {}) {
    for (let presses = 0; presses < limit; presses++) {
        await page.keyboard.press('Tab');
        const there = await page.evaluate(({ selector, text }) => {
            const focused = document.activeElement;
            return Boolean(focused?.matches(selector)
                && (text === null || focused.textContent.includes(text)));
        }, { selector, text });
        if (there) {
            return;
        }
    }
    assert.fail(`Tab never reached ${selector}${text ? ` reading "${text}"` : ''} in ${limit} presses`);
}

/// In the radio group that has the focus, moves with the arrow keys to the
/// button whose value is `wanted` and selects it with Space.
async function pickRadio(page, wanted) {
    for (let moves = 0; moves < 20; moves++) {
        const value = await page.evaluate(() => document.activeElement.value);
        if (value === wanted) {
            await page.keyboard.press('Space');
            return;
        }
        await page.keyboard.press('ArrowDown');
    }
    assert.fail(`no radio button reads ${JSON.stringify(wanted)}`);
}

/// Answers the question on screen by keyboard, rightly or wrongly, and
/// submits it with Enter.
async function answerByKeyboard(page, question, right) {
    const { compiles, stdout, choice } = intendedAnswer(question, right);
    if (choice === undefined) {
        await tabTo(page, '.mdbook-quiz input[name=doesCompile]');
        await pickRadio(page, String(compiles));
        if (compiles) {
            await tabTo(page, '.mdbook-quiz textarea[name=stdout]');
            await page.keyboard.type(stdout);
        }
    } else {
        await tabTo(page, '.mdbook-quiz input[name=answer]');
        await pickRadio(page, choice);
    }
    await tabTo(page, '.mdbook-quiz input[type=submit]');
    await page.keyboard.press('Enter');
}

describe('by keyboard alone', () => {
    test('Tab reaches every Copy and Run button, and each shows when it has the focus', async t => {
        const page = await book.freshPage();
        await page.goto(`${book.origin}/${CHAPTER}`);
        const buttons = page.locator('pre > .buttons button');
        const total = await buttons.count();
        if (PAGE && total === 0) {
            t.skip(`${PAGE} has no code with buttons`);
            return;
        }
        assert.ok(total > 0, 'the chapter has Copy and Run buttons');
        // Every button the focus lands on, and how it looks then.
        await page.evaluate(() => {
            window.reached = [];
            document.addEventListener('focusin', event => {
                const button = event.target;
                if (button.matches('pre > .buttons button')) {
                    const all = [...document.querySelectorAll('pre > .buttons button')];
                    const box = getComputedStyle(button.parentElement);
                    window.reached.push({
                        index: all.indexOf(button),
                        name: button.getAttribute('aria-label') || button.title,
                        shown: box.visibility === 'visible' && box.opacity === '1',
                        // The book's ring (theme/book.css), not Chromium's own.
                        ring: getComputedStyle(button).outlineStyle === 'solid',
                    });
                }
            });
        });
        // Once round the page: Tab until the focus comes back to the first
        // thing it reached.
        await page.keyboard.press('Tab');
        const first = await page.evaluateHandle(() => document.activeElement);
        for (let presses = 0; presses < 2000; presses++) {
            await page.keyboard.press('Tab');
            if (await page.evaluate(start => document.activeElement === start, first)) {
                break;
            }
        }
        const reached = await page.evaluate(() => window.reached);
        const missed = [...Array(total).keys()].filter(index => !reached.some(r => r.index === index));
        assert.deepEqual(missed, [], `buttons Tab never reached (of ${total})`);
        assert.ok(reached.some(r => r.name === 'Copy to clipboard'), 'Copy buttons are among them');
        assert.ok(reached.some(r => r.name.startsWith('Run this code')), 'Run buttons are among them');
        const hidden = reached.filter(r => !r.shown || !r.ring);
        assert.deepEqual(hidden, [], 'a focused button is visible and has a focus ring');
        assertNoProblems(page);
    });

    test('a Run result is announced from a live region that was there before, and an error reads well', async t => {
        const page = await book.freshPage();
        const answers = [
            { result: 'hello from the playground\n', error: null },
            { result: '', error: 'error[E0425]: cannot find value `x` in this scope\nmore\nand more\nand the end\n' },
        ];
        await page.route('https://play.rust-lang.org/evaluate.json',
            route => route.fulfill({ json: answers.shift() }));
        await page.goto(`${book.origin}/${CHAPTER}`);
        if (PAGE && (await page.locator('button.play-button').count()) === 0) {
            t.skip(`${PAGE} has no snippet that runs`);
            return;
        }
        const status = page.locator('[role=status][aria-live=polite]');
        assert.equal(await status.count(), 1, 'one live region on the page');
        assert.equal(await status.textContent(), '', 'empty until something runs');
        await tabTo(page, 'button.play-button');
        await page.keyboard.press('Enter');
        await page.locator('code.result', { hasText: 'hello from the playground' }).waitFor();
        assert.equal(await status.textContent(), 'Run finished: hello from the playground');
        // The same button again: the playground now answers with an error.
        await page.keyboard.press('Enter');
        const error = page.locator('code.result-error');
        await error.waitFor();
        assert.equal(await status.textContent(),
            'Run failed: error[E0425]: cannot find value `x` in this scope\nmore\nand more (1 more line below the code)');
        const faint = [];
        for (const theme of THEMES) {
            await setTheme(page, theme);
            const ratio = await contrast(error);
            if (ratio < 4.5) {
                faint.push(`${theme}: the error has contrast ${ratio.toFixed(2)}`);
            }
        }
        assert.deepEqual(faint, []);
    });

    test('the quiz can be started, answered, reviewed and retried', WITH_QUIZ, async () => {
        const page = await book.freshPage();
        await page.goto(`${book.origin}/${CHAPTER}`);
        const quiz = await quizRenders(page);
        const questions = await quizQuestions(page);
        const total = questions.length;
        await tabTo(page, '.mdbook-quiz button.start');
        await page.keyboard.press('Enter');
        for (const [index, question] of questions.entries()) {
            await quiz.locator('.counter', { hasText: `Question ${index + 1} / ${total}` }).waitFor();
            await answerByKeyboard(page, question, index !== 0);
        }
        const review = async right => {
            await quiz.locator('h3', { hasText: 'Answer Review' }).waitFor();
            assert.match(await quiz.innerText(), new RegExp(`You answered ${right}/${total} questions correctly`));
        };
        await review(total - 1);
        // Retrying asks again only what was wrong; answered wrongly again, it
        // leaves the correct answers to be seen (after which there is no
        // retry, so that comes last).
        await tabTo(page, '.mdbook-quiz button', { text: 'retry the quiz' });
        await page.keyboard.press('Enter');
        await quiz.locator('.counter', { hasText: 'Question 1 / 1' }).waitFor();
        await answerByKeyboard(page, questions[0], false);
        await review(total - 1);
        await tabTo(page, '.mdbook-quiz button', { text: 'see the correct answers' });
        await page.keyboard.press('Enter');
        await quiz.locator('.answer-wrapper .context').first().waitFor();
        assert.match(await quiz.locator('.answer-wrapper').first().innerText(), /The correct answer is:/);
        assertNoProblems(page);
    });
});
