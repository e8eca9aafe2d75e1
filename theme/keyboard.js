// Code blocks and tables that are wider than the column scroll sideways, and
// a reader without a mouse scrolls them with the arrow keys once they have
// the focus. Elements that take no focus by themselves are given it here,
// only while they do scroll: a block that fits is no extra stop for Tab. The
// check runs again whenever the column changes size (a phone turned
// sideways, the sidebar opened, the fonts arrived, a <details> opened) and
// when the quiz draws a question with a program in it.
'use strict';

(function scrollRegions() {
    const SCROLLERS = '.content pre > code, .content .table-wrapper, .content .mdbook-quiz pre';

    function mark() {
        document.querySelectorAll(SCROLLERS).forEach(element => {
            const scrolls = element.scrollWidth > element.clientWidth + 1;
            if (scrolls && !element.hasAttribute('data-scrolls')) {
                element.setAttribute('data-scrolls', '');
                element.setAttribute('tabindex', '0');
            } else if (!scrolls && element.hasAttribute('data-scrolls')) {
                element.removeAttribute('data-scrolls');
                element.removeAttribute('tabindex');
            }
        });
    }

    let pending = false;
    function markSoon() {
        if (!pending) {
            pending = true;
            requestAnimationFrame(() => {
                pending = false;
                mark();
            });
        }
    }

    mark();
    document.fonts?.ready.then(markSoon);
    const main = document.querySelector('.content main');
    if (main) {
        new ResizeObserver(markSoon).observe(main);
    }
    const quizzes = new MutationObserver(markSoon);
    document.querySelectorAll('.quiz-placeholder').forEach(quiz => {
        quizzes.observe(quiz, { childList: true, subtree: true });
    });
})();
