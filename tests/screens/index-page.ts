/** The gallery's index.html: per service and walk, each state in a row, the languages and orientations side by side. */
import { LANGUAGES, type Shot } from './gallery';

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function figure(shot: Shot): string {
  const axe = shot.axe === undefined ? '' : shot.axe.length === 0 ? '<span class="ok">axe ✓</span>' : `<span class="bad" title="${escape(shot.axe.join('\n'))}">axe: ${shot.axe.length}</span>`;
  return `<figure class="${shot.orientation}"><a href="${shot.file}"><img loading="lazy" src="${shot.file}" alt="${escape(`${shot.service} ${shot.state} ${shot.language} ${shot.orientation}`)}"></a><figcaption>${shot.language} · ${shot.orientation} ${axe}</figcaption></figure>`;
}

export function indexPage(shots: readonly Shot[], options: { readonly axe: boolean }): string {
  const services = groupBy(shots, (shot) => shot.service);
  const toc = [...services.keys()].map((service) => `<a href="#${service}">${service}</a>`).join(' · ');
  const sections = [...services].map(([service, ofService]) => {
    const walks = [...groupBy(ofService, (shot) => shot.walk)].map(([walk, ofWalk]) => {
      const states = [...groupBy(ofWalk, (shot) => shot.state)].map(([state, ofState]) => {
        const ordered = [...ofState].sort((a, b) => LANGUAGES.indexOf(a.language) - LANGUAGES.indexOf(b.language) || a.orientation.localeCompare(b.orientation));
        return `<h4>${escape(state)}</h4><div class="row">${ordered.map(figure).join('')}</div>`;
      });
      return `<h3 id="${service}-${walk}">${escape(walk)}</h3>${states.join('')}`;
    });
    return `<section id="${service}"><h2>${escape(service)}</h2>${walks.join('')}</section>`;
  });
  const findings = shots.filter((shot) => shot.axe?.length).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tongban screens</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 1rem; color: #111; }
.row { display: flex; gap: 8px; overflow-x: auto; align-items: flex-start; }
figure { margin: 0; }
figure.portrait img { height: 360px; }
figure.landscape img { height: 202px; }
img { border: 1px solid #888; display: block; }
figcaption { font-size: 12px; }
.ok { color: #060; } .bad { color: #b00; font-weight: bold; }
h4 { margin: 12px 0 4px; }
</style></head><body>
<h1>Tongban kiosk screens</h1>
<p>${shots.length} screenshots from the real renderer against the simulators (npm run screens${options.axe ? ' -- --axe' : ''}), ${new Date().toISOString()}.
${options.axe ? `axe: ${findings} screen(s) with serious or critical findings.` : 'axe not run (npm run screens -- --axe).'}</p>
<nav>${toc}</nav>
${sections.join('\n')}
</body></html>
`;
}
