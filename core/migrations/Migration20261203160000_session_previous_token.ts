import { Migration } from '@mikro-orm/migrations';

/**
 * A session remembers the refresh token it last replaced and when (`SessionStore.rotate`): a browser that lost the
 * answer to a refresh (the page was reloaded or left while it was on its way) presents that token again, and gets
 * the session's current one instead of having the session ended as stolen.
 */
export class Migration20261203160000_session_previous_token extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table core_auth_session add column previous_token_id uuid, add column rotated_at timestamptz`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table core_auth_session drop column previous_token_id, drop column rotated_at`);
  }
}
