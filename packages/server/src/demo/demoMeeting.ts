import type { OrgType, RequestKind, Role } from '@kenes/shared';

/**
 * What `pnpm demo` seeds: a session modelled on Kazakhstan's Human Dimension
 * Dialogue Platform, where the Ministry of Foreign Affairs chairs, ministries,
 * the Mazhilis, the ombudsman and NGOs discuss, and UN agencies observe. The
 * people are invented; the bodies are the real kinds that sit on it. Data
 * only: `seedDemo.ts` writes it through the server's own paths.
 */

/** The demo meeting's fixed id: a second run finds it and seeds nothing. */
export const DEMO_MEETING_ID = '6b656e65-7300-4d00-8000-000000000017';

/** One password for every demo account (printed by `pnpm demo`; never use it for real data). */
export const DEMO_PASSWORD = 'kenes-demo-2026';

/** A demo account and the part it takes in the meeting. */
export interface DemoPerson {
  /** Key the script below names them by. */
  key: string;
  email: string;
  name: string;
  organisation: string;
  orgType: OrgType;
  /** Self-declared gender, or null (not declared): statistics count only the declared. */
  gender: string | null;
  role: Role;
}

/** Everyone in the demo meeting. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: 'mfa',
    email: 'chair@demo.kenes.example',
    name: 'Aigerim Seitkali',
    organisation: 'Ministry of Foreign Affairs of the Republic of Kazakhstan',
    orgType: 'government',
    gender: 'female',
    role: 'chair',
  },
  {
    key: 'interior',
    email: 'interior@demo.kenes.example',
    name: 'Nurlan Abenov',
    organisation: 'Ministry of Internal Affairs',
    orgType: 'government',
    gender: 'male',
    role: 'participant',
  },
  {
    key: 'labour',
    email: 'labour@demo.kenes.example',
    name: 'Dana Zhaksylykova',
    organisation: 'Ministry of Labour and Social Protection of the Population',
    orgType: 'government',
    gender: 'female',
    role: 'participant',
  },
  {
    key: 'mazhilis',
    email: 'mazhilis@demo.kenes.example',
    name: 'Yerlan Sadykov',
    organisation: 'Mazhilis of the Parliament',
    orgType: 'parliament',
    gender: 'male',
    role: 'participant',
  },
  {
    key: 'ombudsman',
    email: 'ombudsman@demo.kenes.example',
    name: 'Arman Zhumabekov',
    organisation: 'Commissioner for Human Rights',
    orgType: 'nhri',
    gender: 'male',
    role: 'participant',
  },
  {
    key: 'crisis',
    email: 'crisis-centres@demo.kenes.example',
    name: 'Saule Omarova',
    organisation: 'Union of Crisis Centres',
    orgType: 'ngo',
    gender: 'female',
    role: 'participant',
  },
  {
    key: 'disability',
    email: 'women-disabilities@demo.kenes.example',
    name: 'Asel Nurpeisova',
    organisation: 'Association of Women with Disabilities',
    orgType: 'ngo',
    gender: 'female',
    role: 'participant',
  },
  {
    key: 'undp',
    email: 'undp@demo.kenes.example',
    name: 'Maria Lindqvist',
    organisation: 'UNDP',
    orgType: 'international',
    gender: null,
    role: 'observer',
  },
  {
    key: 'unwomen',
    email: 'unwomen@demo.kenes.example',
    name: 'Zhanna Akhmetova',
    organisation: 'UN Women',
    orgType: 'international',
    gender: 'female',
    role: 'observer',
  },
];

/** The meeting's details (`meeting.setDetails`). */
export const DEMO_DETAILS = {
  title: 'Human Dimension Dialogue Platform — gender equality session',
  venue: 'Ministry of Foreign Affairs, Astana',
  description:
    'Regular session of the platform between state bodies and civil society. ' +
    'Draft recommendations are co-edited in the room and adopted by the chair.',
} as const;

/** One agenda item, with what happened under it. */
export interface DemoItem {
  title: string;
  description: string;
  plannedMinutes: number;
  /** Finished turns, in order: who spoke, the kind, and for how long (seconds). */
  turns: ReadonlyArray<{ who: string; kind: RequestKind; seconds: number }>;
  /** Draft recommendations proposed under the item, their text by their proposer. */
  recommendations: ReadonlyArray<{ by: string; title: string; paragraphs: readonly string[] }>;
  /** Requests still waiting for the floor when the seed ends (only on the item under way). */
  waiting?: readonly string[];
}

/** The agenda: the first item done, the second under way, the third to come. */
export const DEMO_AGENDA: readonly DemoItem[] = [
  {
    title: 'Ensuring gender equality and equal opportunities',
    description:
      'Progress on the Concept of Family and Gender Policy to 2030; representation of women in ' +
      'decision-making; the gender pay gap.',
    plannedMinutes: 45,
    turns: [
      { who: 'labour', kind: 'speak', seconds: 265 },
      { who: 'mazhilis', kind: 'speak', seconds: 190 },
      { who: 'ombudsman', kind: 'speak', seconds: 230 },
      { who: 'labour', kind: 'reply', seconds: 75 },
      { who: 'disability', kind: 'speak', seconds: 180 },
    ],
    recommendations: [
      {
        by: 'ombudsman',
        title: 'Close the gender pay gap through transparent pay reporting',
        paragraphs: [
          'Require employers with more than 100 staff to publish, each year, the average pay of ' +
            'women and men in comparable positions, and to explain any gap above 5 per cent.',
          'Task the Ministry of Labour and Social Protection of the Population with a public ' +
            'register of these reports and an annual analysis presented to the Mazhilis.',
        ],
      },
    ],
  },
  {
    title: 'Combating violence against women',
    description:
      'Implementation of the 2024 law on domestic violence; protective orders; funding of crisis ' +
      'centres and shelters in the regions.',
    plannedMinutes: 45,
    turns: [
      { who: 'interior', kind: 'speak', seconds: 240 },
      { who: 'crisis', kind: 'speak', seconds: 210 },
      { who: 'interior', kind: 'point_of_order', seconds: 40 },
    ],
    recommendations: [
      {
        by: 'crisis',
        title: 'Guarantee state funding of crisis centres in every region',
        paragraphs: [
          'Provide multi-year state social procurement for crisis centres and shelters in every ' +
            'region, so that survivors of domestic violence find a place within 50 km of home.',
          'Train police officers of the Ministry of Internal Affairs to refer survivors to ' +
            'these centres when issuing a protective order.',
        ],
      },
    ],
    waiting: ['disability', 'mazhilis'],
  },
  {
    title: 'Rights of persons with disabilities',
    description:
      'Accessibility of public services and courts; women and girls with disabilities; ' +
      'follow-up to the CRPD committee’s concluding observations.',
    plannedMinutes: 30,
    turns: [],
    recommendations: [],
  },
];
