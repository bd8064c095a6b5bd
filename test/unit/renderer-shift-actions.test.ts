import { describe, expect, it, vi } from 'vitest';
import type { OnCallApi } from '../../shared/api';
import { copyShiftReport, shiftReportFileName } from '../../renderer/src/actions/shift';
import { createAppServices } from '../../renderer/src/create-app-services';

describe('shift actions', () => {
  it('copies the engine’s report to the clipboard', async () => {
    const api = { exportShiftReport: vi.fn(() => Promise.resolve({ markdown: '# Shift hand-off\n' })) };
    const written: string[] = [];
    const result = await copyShiftReport(createAppServices(api as unknown as OnCallApi), { writeText: (text) => Promise.resolve(void written.push(text)) });
    expect(result).toEqual({ outcome: 'copied', markdown: '# Shift hand-off\n' });
    expect(written).toEqual(['# Shift hand-off\n']);
  });

  it('hands back the text when the clipboard refuses, to be copied by hand', async () => {
    const api = { exportShiftReport: vi.fn(() => Promise.resolve({ markdown: 'report' })) };
    const result = await copyShiftReport(createAppServices(api as unknown as OnCallApi), { writeText: () => Promise.reject(new Error('denied')) });
    expect(result).toEqual({ outcome: 'failed', markdown: 'report' });
  });

  it('shows the engine’s refusal in the error banner', async () => {
    const api = { exportShiftReport: vi.fn(() => Promise.reject(new Error('shift reports are not available here'))) };
    const services = createAppServices(api as unknown as OnCallApi);
    expect(await copyShiftReport(services, { writeText: () => Promise.resolve() })).toEqual({ outcome: 'refused', markdown: undefined });
    expect(services.ui.getState().commandError).toBe('Could not write the hand-off report: shift reports are not available here');
  });

  it('names the download by the local date and time', () => {
    expect(shiftReportFileName(new Date(2026, 10, 26, 7, 5))).toBe('shift-handoff-2026-11-26-0705.md');
  });
});
