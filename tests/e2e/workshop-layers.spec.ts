// The workshop canvas stays one compositor layer however many notes are scattered on it
// (workshops.css, `.note-world::before`). Without the world's extent Chromium gave a note that
// would have grown the layer a lot a layer of its own, and every later note overlapping one of
// those another: over a hundred layers in a room's burst, laid out into the compositor again on
// every frame that added a note (the workshop-burst row's long tasks). Counted with the DevTools
// protocol's LayerTree, as DevTools' Layers panel shows them.
import type { Page } from '@playwright/test';
import { test, expect } from './support/hub-fixture';
import { firstRun } from './support/goals-page';
import { createWorkshop, note } from './support/workshop-page';

const NOTES = 20;

async function compositedLayers(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const layers = new Promise<number>((resolve) => {
      cdp.on('LayerTree.layerTreeDidChange', (event: { layers?: unknown[] }) => {
        if (event.layers) resolve(event.layers.length);
      });
    });
    await cdp.send('LayerTree.enable');
    // A frame, so the layer tree is sent even when nothing else changes.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    return await layers;
  } finally {
    await cdp.detach();
  }
}

test('notes scattered over the workshop canvas share one compositor layer', async ({ page, hub }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await firstRun(page, hub.url);
  await createWorkshop(page, 'Layers');
  const canvas = page.locator('.note-canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the canvas is not on screen');

  // Notes written where the canvas is double-clicked: the cells of a grid over the whole canvas
  // (a note is 168 × 112), taken in a scattered order, so each note lies away from the last.
  const columns = Math.floor((box.width - 20) / 176);
  const rows = Math.floor((box.height - 20) / 118);
  expect(columns * rows).toBeGreaterThanOrEqual(NOTES);
  const order = [...Array(columns * rows).keys()].sort((a, b) => ((a * 37) % 101) - ((b * 37) % 101));
  const place = (i: number) => {
    const cell = order[i] as number;
    return { x: 98 + (cell % columns) * 176, y: 66 + Math.floor(cell / columns) * 118 };
  };
  const write = async (i: number) => {
    const at = place(i);
    await canvas.dblclick({ position: at });
    const input = page.getByRole('textbox', { name: 'Note text' });
    await expect(input).toBeFocused();
    await input.fill(`Idea ${i}`);
    await input.press('Enter');
    await expect(note(page, `Idea ${i}`)).toBeVisible();
  };
  await write(0);
  await write(1);
  const withTwo = await compositedLayers(page);

  for (let i = 2; i < NOTES; i++) await write(i);
  await expect(page.locator('.note-world .sticky-note')).toHaveCount(NOTES);
  const withAll = await compositedLayers(page);
  expect(withAll, `${withTwo} layers with two notes`).toBeLessThanOrEqual(withTwo + 1);
});
