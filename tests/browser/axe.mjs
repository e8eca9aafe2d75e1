// axe-core (npm's axe-core, pinned in package-lock.json) run on the page on
// screen, and the short list of what it may find that the book cannot fix.
// Used by the access-*.test.mjs files and phone.test.mjs.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { THEMES, contrastAt, faintText, pageName, setTheme } from './harness.mjs';

const SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/// WCAG 2.1, levels A and AA: the rules the book promises to pass.
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/// The rules whose outcome a theme can change. A theme only sets colours
/// (mdBook's themes are CSS variables), so in the themes after the first the
/// tests run these alone.
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
/// What fails the tests. axe's "minor" and "moderate" findings are printed
/// by neither the tests nor this list.
const FAILING = ['serious', 'critical'];

/// What axe finds in markup that mdBook or mdbook-quiz write and that the
/// book's theme files (CSS, playground.js) cannot change. Each entry names
/// the rule, the element (as axe names it) or the page, and why it stays.
/// The drafts of the reports to the tools' authors are in the closing note
/// of issue 20. An entry that no longer matches anything fails the tests,
/// so the list cannot outlive the problems on it.
export const ALLOWED = [
    {
        rule: 'aria-allowed-attr',
        target: '#mdbook-sidebar-toggle',
        why: "mdBook's sidebar toggle is a <label> for a hidden checkbox, carrying aria-expanded, "
            + 'which a label may not have; its own script keeps that attribute up to date',
    },
    {
        rule: 'aria-prohibited-attr',
        target: '#mdbook-sidebar-toggle',
        why: "the same <label> carries aria-label, which ARIA forbids on an element with no role; "
            + 'its title says the same and is what a screen reader reads',
    },
    {
        rule: 'document-title',
        page: 'toc.html',
        why: "mdBook's toc.html is the sidebar for readers without JavaScript, shown in an "
            + 'iframe inside each page, never as a page of its own; mdBook gives it no <title>',
    },
];

/// The serious and critical violations axe finds on the page on screen,
/// minus the allowed ones, as lines naming the page, rule and element. With
/// `rules`, only those rules run; with `within`, only that part of the page
/// (a CSS selector), and not `outside` it (a list of selectors); `skip`
/// names rules not to run. `used` collects the allow-list entries that
/// matched.
export async function audit(page, {
    rules = null, within = null, outside = [], skip = [], used = new Set(),
} = {}) {
    if (!(await page.evaluate(() => 'axe' in window))) {
        // Evaluated, not added as a <script>: a page without JavaScript
        // runs no script tag, and the tests check such pages too.
        await page.evaluate(SOURCE);
    }
    const result = await page.evaluate(({ rules, within, outside, skip, tags }) => window.axe.run(
        { include: [[within ?? 'html']], exclude: outside.map(selector => [selector]) },
        {
            runOnly: rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags },
            rules: Object.fromEntries(skip.map(rule => [rule, { enabled: false }])),
            resultTypes: ['violations', 'incomplete'],
        },
    ), { rules, within, outside, skip, tags: WCAG });
    const file = pageName(page);
    const found = [];
    // Text axe's colour rule could not decide (the sidebar: "overlapped by
    // another element"), measured by the tests instead.
    const undecided = result.incomplete
        .filter(rule => rule.id === 'color-contrast')
        .flatMap(rule => rule.nodes.map(node => node.target))
        .filter(target => target.length === 1 && typeof target[0] === 'string')
        .map(target => target[0]);
    const ratios = undecided.length > 0 ? await contrastAt(page, undecided) : [];
    undecided.forEach((target, index) => {
        if (ratios[index] !== null && ratios[index] < 4.5) {
            found.push(`${file}: color-contrast (undecided by axe, measured: ${ratios[index].toFixed(2)}) at ${target}`);
        }
    });
    for (const violation of result.violations) {
        if (!FAILING.includes(violation.impact)) {
            continue;
        }
        for (const node of violation.nodes) {
            const target = node.target.join(' ');
            const allowed = ALLOWED.find(entry => entry.rule === violation.id
                && (entry.page ? entry.page === file : entry.target === target));
            if (allowed) {
                used.add(allowed);
                continue;
            }
            const why = (node.failureSummary || '').split('\n').slice(1).join(' ').trim();
            found.push(`${file}: ${violation.id} (${violation.impact}) at ${target}: ${why}`);
        }
    }
    return found;
}

/// The page on screen in every theme. In the first, all the rules, and the
/// text CSS draws. In the others (a theme changes colours only) the colour
/// rules outside code blocks, and the contrast of the text CSS draws and of
/// every code token, measured by the tests themselves (faintText): axe's
/// colour rule on a page of code takes seconds per theme, and this run
/// covers every page in five themes. `within` narrows it to part of a page.
export async function auditThemes(page, { within = null, used = new Set() } = {}) {
    const found = [];
    for (const [index, theme] of THEMES.entries()) {
        await setTheme(page, theme);
        const first = index === 0;
        const violations = await audit(page, {
            rules: first ? null : COLOUR_RULES,
            within,
            outside: first ? [] : ['pre'],
            used,
        });
        const faint = (await faintText(page, within ?? 'body', { code: !first }))
            .map(text => `${pageName(page)}: ${text}`);
        found.push(...[...violations, ...faint].map(line => `[${theme}] ${line}`));
    }
    return found;
}
