import { graphql } from '../generated/graphql/index.ts';

export const ClinicUsersQuery = graphql(`
  query ClinicUsers {
    clinicUsers {
      id
      email
      fullName
      role
      isProfessional
      isActive
    }
  }
`);

export const UpdateMembershipMutation = graphql(`
  mutation UpdateMembership($userId: ID!, $role: String, $isProfessional: Boolean) {
    updateMembership(userId: $userId, role: $role, isProfessional: $isProfessional) {
      id
      role
      isProfessional
      isActive
    }
  }
`);

export const DeactivateUserMutation = graphql(`
  mutation DeactivateUser($userId: ID!) {
    deactivateUser(userId: $userId) {
      id
      isActive
    }
  }
`);

export const RemoveMembershipMutation = graphql(`
  mutation RemoveMembership($userId: ID!) {
    removeMembership(userId: $userId)
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

// Only the e-mail is read back: the app signs in through /auth/login with it (the refresh token then
// lives in the HttpOnly cookie, never in script).
export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      user {
        email
      }
    }
  }
`);
