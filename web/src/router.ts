import { createRouter, createWebHistory, type Router, type RouterHistory } from 'vue-router';
import { SIGN_IN } from './features/auth/guard';

export function createConsoleRouter(history: RouterHistory = createWebHistory()): Router {
  return createRouter({
    history,
    routes: [
      {
        path: '/sign-in',
        name: SIGN_IN,
        component: () => import('./features/auth/SignInPage.vue'),
        meta: { public: true },
      },
      // auth: the other public steps of signing in
      {
        path: '/sign-up',
        name: 'sign-up',
        component: () => import('./features/auth/SignUpPage.vue'),
        meta: { public: true },
      },
      {
        path: '/confirm',
        name: 'confirm-sign-up',
        component: () => import('./features/auth/ConfirmSignUpPage.vue'),
        meta: { public: true },
      },
      {
        path: '/forgot-password',
        name: 'forgot-password',
        component: () => import('./features/auth/ForgotPasswordPage.vue'),
        meta: { public: true },
      },
      {
        path: '/reset-password',
        name: 'reset-password',
        component: () => import('./features/auth/ResetPasswordPage.vue'),
        meta: { public: true },
      },
      {
        path: '/',
        name: 'dashboard',
        component: () => import('./features/organizations/DashboardPage.vue'),
      },
      // members
      {
        path: '/members',
        name: 'members',
        component: () => import('./features/members/MembersPage.vue'),
      },
      {
        path: '/invitations/:token',
        name: 'accept-invitation',
        component: () => import('./features/members/AcceptInvitationPage.vue'),
      },
      // features/tree
      {
        path: '/organizations',
        name: 'organization-tree',
        component: () => import('./features/tree/OrganizationTreePage.vue'),
      },
      // branding
      {
        path: '/branding',
        name: 'branding',
        component: () => import('./features/branding/BrandingPage.vue'),
      },
      {
        path: '/branding/email/:name?',
        name: 'branding-email',
        component: () => import('./features/branding/EmailTemplatesPage.vue'),
      },
      // audit
      {
        path: '/audit',
        name: 'audit',
        component: () => import('./features/audit/AuditLogPage.vue'),
      },
      // licenses
      {
        path: '/licenses',
        name: 'licenses',
        component: () => import('./features/licenses/LicensesPage.vue'),
      },
      {
        path: '/licenses/new',
        name: 'license-issue',
        component: () => import('./features/licenses/LicenseIssuePage.vue'),
      },
      {
        path: '/licenses/entitlements',
        name: 'entitlements',
        component: () => import('./features/licenses/EntitlementsPage.vue'),
      },
      {
        path: '/licenses/:licenseId',
        name: 'license',
        component: () => import('./features/licenses/LicenseDetailPage.vue'),
      },
      { path: '/:unknown(.*)*', redirect: '/' },
    ],
  });
}
