import { describe, expect, it } from 'vitest';
import { Metrics } from './Metrics.js';

describe('Metrics', () => {
  it('exposes the sync figures on a registry of its own', async () => {
    const m = new Metrics({ stats: () => ({ rooms: 2, sockets: 7 }) });
    const other = new Metrics({ stats: () => ({ rooms: 0, sockets: 0 }) });
    m.frameIn(100);
    m.updateIn();
    m.frameOut(10, 3, true);
    m.frameOut(5, 2, false);
    m.refused();
    m.commit(4);
    m.command(12);
    m.remoteLag(2);
    m.remoteLag(-1); // Clock skew: counted as no lag.
    m.stage('wait', 3);
    m.stage('write', 1);
    m.caughtUp(5);
    const { body, contentType } = await m.render();
    expect(contentType).toMatch(/text\/plain/);
    expect(body).toMatch(/^kenes_open_sockets 7$/m);
    expect(body).toMatch(/^kenes_rooms 2$/m);
    expect(body).toMatch(/^kenes_updates_in_total 1$/m);
    expect(body).toMatch(/^kenes_updates_out_total 3$/m);
    expect(body).toMatch(/^kenes_bytes_in_total 100$/m);
    expect(body).toMatch(/^kenes_bytes_out_total 40$/m);
    expect(body).toMatch(/^kenes_refused_updates_total 1$/m);
    expect(body).toMatch(/^kenes_store_commit_duration_seconds_count 1$/m);
    expect(body).toMatch(/^kenes_command_duration_seconds_sum 0.012$/m);
    expect(body).toMatch(/^kenes_redis_lag_seconds_count 2$/m);
    expect(body).toMatch(/^kenes_update_stage_seconds_sum\{stage="wait"\} 0.003$/m);
    expect(body).toMatch(/^kenes_update_stage_seconds_count\{stage="write"\} 1$/m);
    expect(body).toMatch(/^kenes_catchup_updates_total 5$/m);
    // No global registry: the other app's figures are untouched.
    expect((await other.render()).body).toMatch(/^kenes_updates_in_total 0$/m);
  });
});
