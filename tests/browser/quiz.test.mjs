// The quiz of a chapter as a reader takes it. Run by `cargo xtask test`
// (step 7); see harness.mjs for the setup.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
    BOOK, CHAPTER, QUIZ, REPO, WHOLE_BOOK, WITH_QUIZ, answer, assertNoProblems, quizQuestions,
    quizRenders, serve, takeQuiz, useBook, watchedPage,
} from './harness.mjs';

const book = useBook();

// ---------------------------------------------------------------- the quiz

describe(`the quiz of ${CHAPTER}`, WITH_QUIZ, () => {
    test(`renders with every question of ${QUIZ}`, async () => {
        const page = await book.freshPage();
        await page.goto(`${book.origin}/${CHAPTER}`);
        const quiz = await quizRenders(page);
        const toml = fs.readFileSync(path.join(REPO, QUIZ), 'utf8');
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
        const page = await book.freshPage();
        await page.goto(`${book.origin}/${CHAPTER}`);
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
        const page = await book.freshPage();
        await page.goto(`${book.origin}/${CHAPTER}`);
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

    test('a page whose quiz script is missing fails these checks', WHOLE_BOOK, async () => {
        // The proof that the checks above can fail: the same page, served
        // without mdbook-quiz's script.
        const broken = await serve(BOOK, { withhold: ['/quiz/quiz-embed.iife.js'] });
        try {
            const page = await watchedPage(await book.browser.newContext(), broken.origin);
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
