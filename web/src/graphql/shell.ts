import { graphql } from '../generated/graphql/index.ts';

export const SetupStatusQuery = graphql(`
  query SetupStatus {
    setupStatus {
      initialized
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      user {
        id
        email
        fullName
        isPlatformAdmin
      }
      clinic {
        id
        name
        timezone
        currency
      }
      clinics {
        id
        name
        role
      }
      role
      permissions
    }
  }
`);

export const ActiveModulesQuery = graphql(`
  query ActiveModules {
    activeModules {
      name
      version
      category
      summary
      permissions
      navigation {
        label
        to
        icon
        permission
        order
      }
    }
  }
`);

// The tokens setup returns are not kept: the app then signs in through /auth/login with the same
// credentials, so the refresh token arrives as an HttpOnly cookie and never reaches script.
export const SetupMutation = graphql(`
  mutation Setup($input: SetupInput!) {
    setup(input: $input) {
      user {
        id
      }
    }
  }
`);

/** The clinic's domain events the caller may see, for views that refresh when another session changes data. */
export const DomainEventsSubscription = graphql(`
  subscription DomainEvents($types: [String!], $after: ID) {
    events(types: $types, after: $after) {
      id
      type
      occurredAt
      payload
    }
  }
`);

// The active set now, then on every change (install, remove, upgrade, disable, enable) made anywhere.
export const ActiveModulesChangedSubscription = graphql(`
  subscription ActiveModulesChanged {
    activeModulesChanged {
      fingerprint
      modules
    }
  }
`);
