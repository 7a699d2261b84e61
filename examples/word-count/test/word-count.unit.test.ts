// The word-count topology through TopologyTestDriver, on texts whose counts are known in closed form.
import { describe, expect, it } from 'vitest';
import { Serdes } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';
import { bundledLines } from '../src/bundled-text.js';
import { WordCounts, renderTable, topOf } from '../src/top-words.js';
import { WORD_COUNT_STORE, wordCountTopology } from '../src/topology.js';
import { countWords, wordsOf } from '../src/words.js';

const topics = { input: 'lines', output: 'word-counts-out' };

function driverWithTopics() {
  const driver = new TopologyTestDriver(wordCountTopology(topics));
  const input = driver.createInputTopic(topics.input, Serdes.nullable(Serdes.string()), Serdes.string());
  const output = driver.createOutputTopic(topics.output, Serdes.string(), Serdes.string());
  return { driver, input, output };
}

/** The n-th number word occurs n times: "one" once, "two" twice, ... "six" six times (21 words). */
function triangleText(): string[] {
  const names = ['one', 'two', 'three', 'four', 'five', 'six'];
  const words = names.flatMap((name, i) => Array.from({ length: i + 1 }, (_, j) => (j % 2 === 0 ? name : name.toUpperCase())));
  // Interleave them over lines with punctuation, digits and odd spacing between the words.
  const lines: string[] = [];
  for (let i = 0; i < words.length; i += 4) lines.push(words.slice(i, i + 4).join([', ', ' -- ', '\t', '...42 '][i % 4]!));
  return lines;
}

describe('wordsOf', () => {
  it('lowercases and splits on anything that is not a letter, dropping empty pieces', () => {
    expect(wordsOf('Call me Ishmael. Some years ago—never mind how long')).toEqual([
      'call', 'me', 'ishmael', 'some', 'years', 'ago', 'never', 'mind', 'how', 'long',
    ]);
    expect(wordsOf('people’s hats; sea-captain, 1851: “Whale!”')).toEqual(['people', 's', 'hats', 'sea', 'captain', 'whale']);
    expect(wordsOf('  ...  42 -- ')).toEqual([]);
    expect(wordsOf('')).toEqual([]);
    expect(wordsOf('Café NAÏVE Ελλάδα')).toEqual(['café', 'naïve', 'ελλάδα']);
  });
});

describe('word-count topology', () => {
  it('counts each word: the n-th number word n times', () => {
    const { driver, input, output } = driverWithTopics();
    const lines = triangleText();
    for (const line of lines) input.pipeInput(null, line);

    const final = output.readKeyValuesToMap();
    expect(Object.fromEntries(final)).toEqual({ one: '1', two: '2', three: '3', four: '4', five: '5', six: '6' });
    const store = driver.getKeyValueStore<string, unknown>(WORD_COUNT_STORE);
    expect(store).toBeDefined();
    expect(Number(store!.get('six'))).toBe(6);
    expect(store!.approximateNumEntries()).toBe(6);
    driver.close();
  });

  it('writes the new count of a word each time a line contains it', () => {
    const { driver, input, output } = driverWithTopics();
    input.pipeInput(null, 'Call me Ishmael.');
    expect(output.readKeyValuesToList().sort()).toEqual([['call', '1'], ['ishmael', '1'], ['me', '1']]);
    input.pipeInput('any key', 'call, CALL!');
    // Like Kafka Streams' driver, ours commits after each record it processes, also each word read back from the
    // repartition topic, so the count's cache sends one update per occurrence.
    expect(output.readKeyValuesToList()).toEqual([['call', '2'], ['call', '3']]);
    input.pipeInput(null, '');
    input.pipeInput(null, '— 1851 —');
    expect(output.isEmpty()).toBe(true);
    driver.close();
  });

  it('agrees with the splitter on the first 300 lines of the bundled text', () => {
    const { driver, input, output } = driverWithTopics();
    const lines = bundledLines().slice(0, 300);
    for (const line of lines) input.pipeInput(null, line);
    const expected = countWords(lines);
    const final = output.readKeyValuesToMap();
    expect(new Map([...final].map(([w, c]) => [w, Number(c)]))).toEqual(expected);
    expect(expected.get('whale')).toBeGreaterThan(0);
    driver.close();
  });
});

describe('the demo view', () => {
  it('keeps the latest count per word and their sum, and ranks ties alphabetically', () => {
    const counts = new WordCounts();
    counts.update('the', 1);
    counts.update('sea', 1);
    counts.update('the', 3);
    counts.update('a', 1);
    expect(counts.sum).toBe(5);
    expect(counts.distinctWords).toBe(3);
    expect(counts.top(2)).toEqual([['the', 3], ['a', 1]]);
    expect(topOf(new Map([['b', 2], ['a', 2], ['c', 9]]), 10)).toEqual([['c', 9], ['a', 2], ['b', 2]]);
  });

  it('renders a table with counts grouped by thousands and a bar scaled to the top word', () => {
    const lines = renderTable([['the', 4000], ['whale', 1000]], 8);
    expect(lines).toEqual(['   #  word   count', '   1  the    4,000  ████████', '   2  whale  1,000  ██']);
  });

  it('bundles a text of about 69,500 words', () => {
    const lines = bundledLines();
    expect(lines).toHaveLength(6870);
    expect(lines[0]).toBe('CHAPTER 1. Loomings.');
    let total = 0;
    for (const n of countWords(lines).values()) total += n;
    expect(total).toBe(69_511);
  });
});
