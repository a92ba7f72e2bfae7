import type { Intervention, Minutes, OrganisationSuggestions } from '@kenes/shared';

/**
 * Minutes of one item with two interventions, for the export tests: a long
 * organisation name and type (so narrow columns would break words), a
 * statement of 6 min 21 s and a reply of 45 s; the item ran 9 min 30 s; a
 * second item was never taken up.
 */
export function exportMinutes(): Minutes {
  const base = Date.UTC(2030, 0, 15, 9, 0);
  const iv = (over: Partial<Intervention>): Intervention => ({
    entryId: 'e1',
    agendaItemId: 'i1',
    userId: 'u1',
    speaker: 'Aigerim Nurlanovna',
    organisation: 'National Centre for Human Rights of the Republic of Kazakhstan',
    orgType: 'nhri',
    kind: 'speak',
    status: 'done',
    grantedAt: base + 60_000,
    endedAt: base + 60_000 + 381_000,
    durationMs: 381_000,
    ...over,
  });
  const interventions = [
    iv({}),
    iv({
      entryId: 'e2',
      userId: 'u2',
      speaker: 'Dana Seitkali',
      organisation: 'Union of Crisis Centres',
      orgType: 'ngo',
      kind: 'reply',
      grantedAt: base + 450_000,
      endedAt: base + 495_000,
      durationMs: 45_000,
    }),
  ];
  return {
    title: 'Human-rights dialogue',
    status: 'closed',
    generatedAt: base + 3_600_000,
    openedAt: base,
    closedAt: base + 3_000_000,
    statusChanges: [],
    items: [
      {
        id: 'i1',
        title: 'Ensuring gender equality',
        description: '',
        status: 'done',
        plannedMinutes: 30,
        startedAt: base + 60_000,
        endedAt: base + 630_000,
        actualMs: 570_000,
        speakingMs: 426_000,
        interventions,
        recommendations: [],
      },
      {
        id: 'i2',
        title: 'Violence against women',
        description: '',
        status: 'pending',
        plannedMinutes: 20,
        startedAt: null,
        endedAt: null,
        actualMs: null,
        speakingMs: 0,
        interventions: [],
        recommendations: [],
      },
    ],
    outsideAgenda: { interventions: [], recommendations: [] },
    totals: { plannedMinutes: 50, actualMs: 570_000, interventions: 2, speakingMs: 426_000 },
    suggestions: [],
  };
}

/**
 * Suggestions by organisation for the export tests: two organisations (one
 * with a long name), then the unknown row.
 */
export function exportSuggestions(): OrganisationSuggestions[] {
  return [
    {
      organisation: 'National Centre for Human Rights of the Republic of Kazakhstan',
      made: 3,
      accepted: 1,
      rejected: 1,
      pending: 1,
    },
    { organisation: 'Union of Crisis Centres', made: 2, accepted: 2, rejected: 0, pending: 0 },
    { organisation: null, made: 1, accepted: 0, rejected: 0, pending: 1 },
  ];
}
