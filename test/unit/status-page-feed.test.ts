import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelsFingerprint } from '../../electron/sources/fingerprint';
import { FeedError, parseFeed } from '../../electron/sources/status-page/feed-parser';
import { itemIsOpen, readFeed } from '../../electron/sources/status-page/incident-feed';
import { XmlError } from '../../electron/sources/status-page/xml-reader';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/status-pages');
const feedText = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');
const NOW = Date.parse('2026-03-10T12:00:00Z');
const context = { dependency: 'codehost', feedUrl: 'https://status.example.com/history.rss', nowMs: NOW };

describe('RSS and Atom feeds', () => {
  it('reads a Statuspage RSS feed: title, link, date, guid and the HTML description', () => {
    const feed = parseFeed(feedText('history.rss'));
    expect(feed).toMatchObject({ format: 'rss', title: 'Example Code Host Status - Incident History', link: 'https://status.example.com/' });
    expect(feed.items.map((item) => [item.title, item.published])).toEqual([
      ['Failing git pushes in Frankfurt', '2026-03-10T11:40:09.000Z'],
      ['Delayed webhook deliveries', '2026-03-10T09:30:51.000Z'],
      ['Storage upgrade in Virginia (IAD)', '2026-03-10T08:01:12.000Z'],
      ['Elevated error rates for Actions', '2026-03-08T14:02:30.000Z'],
    ]);
    expect(feed.items[0]).toMatchObject({
      id: 'https://status.example.com/incidents/x0s0hh7qvw3d',
      link: 'https://status.example.com/incidents/x0s0hh7qvw3d',
      bodyIsHtml: true,
    });
    expect(feed.items[0]!.body).toContain('<strong>Identified</strong> - We have identified the cause of failing git pushes in Frankfurt &amp; are');
  });

  it('Statuspage RSS: only the recent item whose newest update is not Resolved/Completed is an incident', () => {
    const report = readFeed(parseFeed(feedText('history.rss')), context);
    expect(report.alerts).toHaveLength(1);
    const [alert] = report.alerts;
    expect(alert).toMatchObject({
      name: 'DependencyIncident',
      labels: { alertname: 'DependencyIncident', dependency: 'codehost', incident: 'Failing git pushes in Frankfurt', severity: 'warning' },
      severity: 'warning',
      state: 'firing',
      startsAt: '2026-03-10T11:40:09.000Z',
      generatorURL: 'https://status.example.com/incidents/x0s0hh7qvw3d',
      annotations: { summary: 'Failing git pushes in Frankfurt', runbook_url: 'https://status.example.com/incidents/x0s0hh7qvw3d' },
    });
    expect(alert!.fingerprint).toBe(labelsFingerprint(alert!.labels));
    expect(alert!.annotations.description).toBe(
      'Mar 10, 11:40 UTC\nIdentified - We have identified the cause of failing git pushes in Frankfurt & are rolling out a fix.\nMar 10, 10:58 UTC\nInvestigating - We are investigating reports of degraded performance for Git Operations.',
    );
    expect(report.status).toEqual({
      dependency: 'codehost',
      indicator: 'minor',
      description: '1 open incident: Failing git pushes in Frankfurt',
      url: 'https://status.example.com/',
      updatedAt: '2026-03-10T11:40:09.000Z',
    });
    expect(report.warnings).toEqual([]);
  });

  it('Statuspage Atom: entries with published/updated, html titles and xhtml content', () => {
    const feed = parseFeed(feedText('history.atom'));
    expect(feed).toMatchObject({ format: 'atom', title: 'Example Code Host Status - Incident History', link: 'https://status.example.com/' });
    expect(feed.items[0]).toMatchObject({
      id: 'tag:status.example.com,2005:Incident/28871234',
      published: '2026-03-10T10:58:12.000Z',
      updated: '2026-03-10T11:40:09.000Z',
      link: 'https://status.example.com/incidents/x0s0hh7qvw3d',
      bodyIsHtml: true,
    });
    // content wins over the shorter summary
    expect(feed.items[0]!.body).toContain('Investigating');
    expect(feed.items[2]).toMatchObject({ title: 'Slow Pages builds & deploys', body: 'Monitoring - Builds are catching up.', bodyIsHtml: false });

    const report = readFeed(feed, { ...context, feedUrl: 'https://status.example.com/history.atom' });
    expect(report.alerts.map((alert) => [alert.labels.incident, alert.startsAt])).toEqual([
      ['Failing git pushes in Frankfurt', '2026-03-10T10:58:12.000Z'],
      ['Slow Pages builds & deploys', '2026-03-10T05:20:00.000Z'],
    ]);
    expect(report.alerts[1]!.annotations.description).toBe('Monitoring - Builds are catching up.');
    expect(report.status).toMatchObject({ indicator: 'minor', description: '2 open incidents: Failing git pushes in Frankfurt', updatedAt: '2026-03-10T11:40:09.000Z' });
  });

  it('a generic RSS feed: CDATA, entities, scripts and images dropped, "Status:" lines, content:encoded, dc:date', () => {
    const feed = parseFeed(feedText('generic.rss'));
    expect(feed.title).toBe('Payments & Billing status');
    const report = readFeed(feed, { ...context, dependency: 'payments' });
    expect(report.alerts.map((alert) => alert.labels.incident)).toEqual(['Card payments failing for "Visa" & Mastercard', 'Refund API latency – EU']);
    const [cards, refunds] = report.alerts;
    expect(cards!.annotations.description).toBe('Status: Investigating\nCard payments fail with 502 errors — retries succeed. Details');
    expect(cards!.annotations.runbook_url).toBe('https://payments.example.net/status/incidents/118');
    expect(refunds).toMatchObject({ startsAt: '2026-03-10T08:00:00.000Z', generatorURL: 'https://payments.example.net/status' });
    expect(refunds!.annotations).toEqual({
      summary: 'Refund API latency – EU',
      description: 'Status: Monitoring\nLatency is back under 300 ms; we are watching it.',
    });
  });

  it('nothing open: indicator none; an empty feed says when it changed as null', () => {
    const quiet = readFeed(parseFeed(feedText('history.rss')), { ...context, nowMs: Date.parse('2026-03-12T12:00:00Z') });
    expect(quiet.alerts).toEqual([]);
    expect(quiet.status).toMatchObject({ indicator: 'none', description: 'No open incidents in the last 24 hours', updatedAt: '2026-03-10T11:40:09.000Z' });
    const empty = readFeed(parseFeed('<rss version="2.0"><channel><title>t</title></channel></rss>'), context);
    expect(empty.status).toEqual({ dependency: 'codehost', indicator: 'none', description: 'No open incidents in the last 24 hours', url: context.feedUrl, updatedAt: null });
  });

  it('an item is recent by its newest time: an old incident updated within 24 hours counts', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>a</id><title>Long outage</title>
      <published>2026-03-08T00:00:00Z</published><updated>2026-03-10T01:00:00Z</updated>
      <content type="html">&lt;strong&gt;Update&lt;/strong&gt; - Still broken.</content></entry></feed>`;
    expect(readFeed(parseFeed(xml), context).alerts.map((alert) => alert.startsAt)).toEqual(['2026-03-08T00:00:00.000Z']);
    expect(readFeed(parseFeed(xml), { ...context, nowMs: Date.parse('2026-03-11T01:00:01Z') }).alerts).toEqual([]);
  });

  it('items without a readable date are ignored, with a remark', () => {
    const xml = '<rss version="2.0"><channel><item><title>Outage</title><pubDate>sometime</pubDate></item><item><title>Other</title></item></channel></rss>';
    const report = readFeed(parseFeed(xml), context);
    expect(report.alerts).toEqual([]);
    expect(report.warnings).toEqual(['2 feed item(s) carry no readable date and were ignored']);
  });

  it('two open items with the same title stay two alerts', () => {
    const item = (id: string) => `<item><title>API errors</title><guid>${id}</guid><pubDate>Tue, 10 Mar 2026 11:00:00 +0000</pubDate></item>`;
    const report = readFeed(parseFeed(`<rss version="2.0"><channel>${item('one')}${item('two')}</channel></rss>`), context);
    expect(report.alerts.map((alert) => alert.labels.incident)).toEqual(['API errors', 'API errors (two)']);
  });

  it('a plain-text Atom body keeps a literal "<b>" as text', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>a</id><title>x</title><updated>2026-03-10T11:00:00Z</updated>
      <content>Investigating: values &lt;b&gt; 5 &amp;amp; more</content></entry></feed>`;
    expect(readFeed(parseFeed(xml), context).alerts[0]!.annotations.description).toBe('Investigating: values <b> 5 &amp; more');
  });

  it('an item link that is not http(s) is dropped', () => {
    const xml = '<rss version="2.0"><channel><link>https://site.example</link><item><title>x</title><link>javascript:alert(1)</link><pubDate>Tue, 10 Mar 2026 11:00:00 +0000</pubDate></item></channel></rss>';
    const [alert] = readFeed(parseFeed(xml), context).alerts;
    expect(alert!.annotations.runbook_url).toBeUndefined();
    expect(alert!.generatorURL).toBe('https://site.example/');
  });
});

describe('whether a feed item says it is over', () => {
  const html = (body: string, title = 'API errors') => ({ title, body, bodyIsHtml: true });
  it.each([
    [html('<p><small>Mar 10</small><br><strong>Resolved</strong> - Fixed.</p><p><strong>Investigating</strong> - Looking.</p>'), false],
    [html('<p><strong>Investigating</strong> - Looking. Not resolved yet.</p>'), true],
    [html('<p><strong>Update</strong> - Still going.</p><p><strong>Resolved</strong> - old text</p>'), true],
    [html('<p><strong>THIS IS A SCHEDULED EVENT Mar 10, 06:00 - 08:00 UTC</strong></p><p><strong>Completed</strong> - Done.</p>'), false],
    [html('<p><strong>THIS IS A SCHEDULED EVENT Mar 10, 06:00 - 08:00 UTC</strong></p><p><strong>In progress</strong> - Working.</p>'), true],
    [html('<p><strong>Scheduled</strong> - We will upgrade storage on Friday.</p>'), false],
    [html('<p><b>Postmortem</b> — what happened</p>'), false],
    [html('<b>Status: Resolved</b><br/>Fixed.'), false],
    [html('<b>Status: Identified</b><br/>Cause found, fix is not resolved.'), true],
    [html('Resolved: the database is back.'), false],
    [html('We are investigating.'), true],
    [html('', '[Resolved] Payout reports delayed'), false],
    [html('', 'Maintenance completed'), false],
    [html('', 'Unresolved DNS failures'), true],
    [{ title: 'x', body: 'Completed - all good', bodyIsHtml: false }, false],
    [{ title: 'x', body: 'Monitoring - watching', bodyIsHtml: false }, true],
  ])('%j → open %s', (item, open) => {
    expect(itemIsOpen(item)).toBe(open);
  });
});

describe('malformed feeds', () => {
  it.each([
    ['<!DOCTYPE html><html><head><title>Status</title></head><body><p>Down</p></body></html>', FeedError, 'expected an RSS 2.0 <rss> or Atom <feed> document, found <html>'],
    ['<rss version="2.0"><item><title>x</title></item></rss>', FeedError, 'the <rss> document has no <channel>'],
    ['<rss version="2.0">\n<channel>\n<item>\n<title>x</item>\n</channel></rss>', XmlError, "line 4: Expected closing tag 'title' (opened in line 4, col 1) instead of closing tag 'item'."],
    ['<rss version="2.0"><channel><item>', XmlError, 'line 1: the document ends with <rss>, <channel>, <item> still open'],
    ['{"status": "ok"}', XmlError, "line 1: char '{' is not expected."],
    ['', XmlError, 'line 1: Start tag expected.'],
  ])('%j fails in words', (xml, type, message) => {
    expect(() => parseFeed(xml)).toThrow(type);
    expect(() => parseFeed(xml)).toThrow(message);
  });
});
