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

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      refreshToken
    }
  }
`);

export const SetupMutation = graphql(`
  mutation Setup($input: SetupInput!) {
    setup(input: $input) {
      accessToken
      refreshToken
    }
  }
`);
