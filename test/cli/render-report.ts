// Opens a bench HTML report in headless Chromium (Debian's `chromium`, driven by playwright-core)
// and reports what drew. Shared by the render test and the screenshot script.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// The callbacks passed to page.evaluate run in the browser; the test project has no DOM typings.
declare const document: any;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumInstalled = () => existsSync(CHROMIUM);

export interface Rendered {
  title: string;
  charts: number;
  /** Bars with a drawn width above zero. */
  bars: number;
  /** Requests that left the page for anything but the file itself (must be none). */
  external: string[];
  sections: string[];
  /** Charts in the overview above the sections, by title. */
  overview: string[];
}

export async function renderReport(htmlFile: string, screenshot?: string): Promise<Rendered> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1240, height: 900 } });
    const external: string[] = [];
    const url = pathToFileURL(htmlFile).href;
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      external.push(route.request().url());
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });
    const drawn = await page.evaluate(() => {
      const bars = [...document.querySelectorAll('svg.chart rect.bar')].filter((r) => (r as any).getBBox().width > 0);
      return {
        title: document.title,
        charts: document.querySelectorAll('section.workload svg.chart').length,
        overview: [...document.querySelectorAll('section.overview svg.chart')].map((s) => s.getAttribute('aria-label') ?? ''),
        bars: bars.length,
        sections: [...document.querySelectorAll('section.workload')].map((s) => s.getAttribute('data-workload') ?? ''),
      };
    });
    if (screenshot) await page.screenshot({ path: screenshot, clip: { x: 0, y: 0, width: 1240, height: 1500 } });
    return { ...drawn, external };
  } finally {
    await browser.close();
  }
}
