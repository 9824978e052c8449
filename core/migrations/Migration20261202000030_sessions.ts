import { Migration } from '@mikro-orm/migrations';

/**
 * Sessions and account recovery (issue 12): one row per login session (a refresh-token family whose
 * current token is the only one accepted), hashed single-use password-reset tokens, and login
 * attempts counted per (account, client address) and per address instead of per e-mail.
 * users.token_version gives way to per-session revocation.
 */
export class Migration20261202000030_sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table core_auth_session (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      current_token_id uuid not null,
      client_address varchar(100),
      created_at timestamptz not null default now(),
      last_used_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      revoked_reason varchar(30))`);
    this.addSql(`create index core_auth_session_user_idx on core_auth_session (user_id) where revoked_at is null`);
    this.addSql(`create table core_password_reset (
      token_hash varchar(64) primary key,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz)`);
    this.addSql(`create index core_password_reset_user_idx on core_password_reset (user_id)`);
    // Old rows are keyed by e-mail alone; the new keys are hashed (account, address) pairs and addresses.
    this.addSql(`truncate core_login_attempt`);
    this.addSql(`alter table core_login_attempt drop column locked_until`);
    this.addSql(`alter table users drop column token_version`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table users add column token_version integer not null default 0`);
    this.addSql(`alter table core_login_attempt add column locked_until timestamptz`);
    this.addSql(`drop table if exists core_password_reset`);
    this.addSql(`drop table if exists core_auth_session`);
  }
}
