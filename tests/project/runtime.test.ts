// Reading Node versions: semver ranges as intervals, and the image a Dockerfile's last stage runs.
import { describe, expect, it } from 'vitest';
import { dockerfileNode } from '../../src/js/project/runtime';
import { allWithin, rangeIntervals } from '../../src/core/semver';

const iv = (range: string) => rangeIntervals(range)?.map((i) => `${i.min.join('.')}..${i.below ? i.below.join('.') : '∞'}`);

describe('rangeIntervals', () => {
  it('reads the ranges engines.node holds', () => {
    expect(iv('>=20')).toEqual(['20.0.0..∞']);
    expect(iv('>= 16.0.0')).toEqual(['16.0.0..∞']);
    expect(iv('^20.19.0 || ^22.13.0 || >=24.11.0')).toEqual(['20.19.0..21.0.0', '22.13.0..23.0.0', '24.11.0..∞']);
    expect(iv('>=20.12 <21 || 22 || 24 <24.17.0')).toEqual(['20.12.0..21.0.0', '22.0.0..23.0.0', '24.0.0..24.17.0']);
    expect(iv('~18.18')).toEqual(['18.18.0..18.19.0']);
    expect(iv('18.x')).toEqual(['18.0.0..19.0.0']);
    expect(iv('20 - 22')).toEqual(['20.0.0..23.0.0']);
    expect(iv('v24.1.0')).toEqual(['24.1.0..24.1.1']);
  });

  it('gives null for ranges that admit anything or cannot be read', () => {
    expect(rangeIntervals('*')).toBeNull();
    expect(rangeIntervals('latest')).toBeNull();
    expect(rangeIntervals('lts/*')).toBeNull();
    expect(rangeIntervals('workspace:^')).toBeNull();
  });

  it('allWithin: every admitted version lies in an allowed interval', () => {
    const symbols = [
      { min: [18, 18, 0] as [number, number, number], below: [19, 0, 0] as [number, number, number] },
      { min: [20, 4, 0] as [number, number, number], below: null },
    ];
    expect(allWithin(rangeIntervals('^18.18 || >=20.4')!, symbols)).toBe(true);
    expect(allWithin(rangeIntervals('>=18.18')!, symbols)).toBe(false); // 19.x
    expect(allWithin(rangeIntervals('^20.3')!, symbols)).toBe(false);
  });
});

describe('dockerfileNode', () => {
  it('the last stage, with ARG defaults and stage names followed', () => {
    const text = ['ARG NODE_VERSION=24.11', 'FROM node:20 AS deps', 'FROM node:${NODE_VERSION}-alpine AS base', 'FROM base AS runner', 'CMD ["node", "x.js"]'].join('\n');
    expect(dockerfileNode(text)).toMatchObject({ image: 'node:24.11-alpine', intervals: [{ min: [24, 11, 0] }] });
  });

  it('a registry prefix, a distroless image, an untagged or moving tag, a non-Node image', () => {
    expect(dockerfileNode('FROM --platform=linux/amd64 docker.io/library/node:22.12.0-bookworm-slim')?.intervals).toEqual([{ min: [22, 12, 0], below: [22, 12, 1] }]);
    expect(dockerfileNode('FROM gcr.io/distroless/nodejs24-debian12')?.intervals).toEqual([{ min: [24, 0, 0], below: [25, 0, 0] }]);
    expect(dockerfileNode('FROM node')).toEqual({ image: 'node', intervals: null });
    expect(dockerfileNode('FROM node:lts-alpine')?.intervals).toBeNull();
    expect(dockerfileNode('FROM node:22 AS build\nFROM nginx:1.27')).toBeNull();
  });
});
