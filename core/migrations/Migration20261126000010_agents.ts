import { Migration } from '@mikro-orm/migrations';

/**
 * The AI-agent contract's bookkeeping: agent runs (sessions), approval requests that execute once
 * approved, an audit row per tool call outcome, per-clinic guardrail settings, and rate-limit
 * events kept in PostgreSQL so that limits hold across processes.
 */
export class Migration20261126000010_agents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table agent_sessions (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      agent_name varchar(200) not null,
      mode varchar(20) not null check (mode in ('SUPERVISED','AUTONOMOUS')),
      status varchar(20) not null default 'RUNNING' check (status in ('RUNNING','COMPLETED','FAILED')),
      started_by uuid not null references users(id),
      input jsonb,
      summary text,
      error text,
      steps integer not null default 0,
      action_count integer not null default 0,
      started_at timestamptz not null default now(),
      ended_at timestamptz)`);
    this.addSql(`create index agent_sessions_clinic_idx on agent_sessions (clinic_id, started_at desc)`);
    this.addSql(`create table agent_approvals (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      tool_name varchar(200) not null,
      arguments jsonb not null,
      mode varchar(20) not null check (mode in ('SUPERVISED','AUTONOMOUS')),
      reason varchar(500) not null,
      status varchar(20) not null default 'PENDING' check (status in ('PENDING','APPROVED','REJECTED')),
      requested_by uuid not null references users(id),
      agent_name varchar(200),
      session_id uuid references agent_sessions(id),
      reviewed_by uuid references users(id),
      reviewed_at timestamptz,
      review_notes varchar(1000),
      execution_status varchar(20) check (execution_status in ('SUCCESS','FAILED','BLOCKED')),
      execution_result jsonb,
      execution_error text,
      executed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql(
      `create index agent_approvals_clinic_status_idx on agent_approvals (clinic_id, status, created_at desc)`,
    );
    this.addSql(`create table agent_audit_log (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      user_id uuid not null references users(id),
      tool_name varchar(200) not null,
      category varchar(20),
      mode varchar(20) not null,
      channel varchar(20) not null,
      status varchar(20) not null check (status in ('SUCCESS','FAILED','BLOCKED','PENDING_APPROVAL')),
      arguments jsonb not null,
      result jsonb,
      error varchar(2000),
      error_code varchar(50),
      execution_time_ms integer not null default 0,
      agent_name varchar(200),
      session_id uuid references agent_sessions(id),
      approval_id uuid references agent_approvals(id),
      approved_by uuid references users(id),
      created_at timestamptz not null default now())`);
    this.addSql(`create index agent_audit_log_clinic_idx on agent_audit_log (clinic_id, created_at desc)`);
    this.addSql(`create index agent_audit_log_tool_idx on agent_audit_log (clinic_id, tool_name, created_at desc)`);
    this.addSql(`create table agent_guardrails (
      clinic_id uuid primary key references clinics(id),
      config jsonb not null,
      updated_by uuid references users(id),
      updated_at timestamptz not null default now())`);
    this.addSql(`create table agent_rate_events (
      id bigserial primary key,
      key varchar(300) not null,
      at timestamptz not null default clock_timestamp())`);
    this.addSql(`create index agent_rate_events_key_idx on agent_rate_events (key, at)`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'agent_rate_events',
      'agent_guardrails',
      'agent_audit_log',
      'agent_approvals',
      'agent_sessions',
    ])
      this.addSql(`drop table if exists ${table}`);
  }
}
