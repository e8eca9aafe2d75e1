// Run buttons for the book's snippets, on the Rust playground.
//
// mdBook's own playground support asks play.rust-lang.org for its list of
// crates as soon as a page with a runnable snippet loads, and shows the
// buttons only once that answer arrives. This book must load nothing from
// other machines (it works offline, and its browser tests check that), so
// book.toml turns mdBook's playground off and this script adds the buttons
// instead: the playground is contacted only when a reader presses Run.
//
// Every snippet is compiled and run by the book's tests with the crates the
// playground also has (std, tokio, futures). A block marked `noplayground`
// (a listing's excerpt, or code that needs a crate of this repository) or
// `no_run` gets no button.
'use strict';

(function runButtons() {
    const PLAYGROUND = 'https://play.rust-lang.org/evaluate.json';
    // The edition the book's code is written in (book.toml, [rust] edition).
    const EDITION = '2024';
    const NOT_RUNNABLE = ['noplayground', 'noplaypen', 'no_run', 'ignore', 'compile_fail'];

    function runnable(code) {
        return code.classList.contains('language-rust')
            && !NOT_RUNNABLE.some(mark => code.classList.contains(mark));
    }

    // A live region, made with the first Run button and there before any
    // result, so that a screen reader announces each result as it arrives
    // (a region created with its text already in it is not reliably read).
    // It says how the run ended and the first lines; all of it is below the
    // code, where the focus can go.
    let status = null;
    function liveRegion() {
        if (!status) {
            status = document.createElement('div');
            status.className = 'visually-hidden';
            status.id = 'run-status';
            status.setAttribute('role', 'status');
            status.setAttribute('aria-live', 'polite');
            document.body.append(status);
        }
        return status;
    }

    function announce(text, isError) {
        const lines = text.trim().split('\n');
        const shown = lines.slice(0, 3).join('\n');
        const rest = lines.length - 3;
        const more = rest > 0 ? ` (${rest} more line${rest === 1 ? '' : 's'} below the code)` : '';
        liveRegion().textContent = `${isError ? 'Run failed' : 'Run finished'}: ${shown}${more}`;
    }

    function showResult(pre, text, isError) {
        let result = pre.querySelector('code.result');
        if (!result) {
            result = document.createElement('code');
            result.className = 'result hljs language-text';
            pre.append(result);
        }
        result.classList.toggle('result-error', isError);
        result.textContent = text;
    }

    async function run(pre, code) {
        showResult(pre, 'Running on the Rust playground...', false);
        liveRegion().textContent = 'Running on the Rust playground';
        const request = {
            version: 'stable',
            optimize: '0',
            edition: EDITION,
            // The whole program, hidden lines included.
            code: code.textContent,
        };
        try {
            const response = await fetch(PLAYGROUND, {
                method: 'POST',
                mode: 'cors',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify(request),
            });
            if (!response.ok) {
                throw new Error(`it answered ${response.status} ${response.statusText}`);
            }
            const answer = await response.json();
            const output = (answer.result || '').trim() === '' ? 'No output' : answer.result;
            const text = answer.error ? answer.error : output;
            showResult(pre, text, Boolean(answer.error));
            announce(text, Boolean(answer.error));
        } catch (error) {
            const text = `Could not run this on the Rust playground: ${error.message}. `
                + 'Every snippet also runs locally: `cargo test --test skeptic`.';
            showResult(pre, text, true);
            announce(text, true);
        }
    }

    document.querySelectorAll('pre > code').forEach(code => {
        if (!runnable(code)) {
            return;
        }
        const pre = code.parentElement;
        pre.classList.add('runnable');
        liveRegion();
        let buttons = pre.querySelector('.buttons');
        if (!buttons) {
            buttons = document.createElement('div');
            buttons.className = 'buttons';
            pre.prepend(buttons);
        }
        const button = document.createElement('button');
        button.className = 'play-button';
        button.title = 'Run this code on the Rust playground';
        button.setAttribute('aria-label', button.title);
        const icon = document.getElementById('fa-play');
        button.innerHTML = icon ? icon.innerHTML : '&#9654;';
        button.addEventListener('click', () => run(pre, code));
        buttons.prepend(button);
    });
})();
