import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from './model.js';

export const PUBLIC_ROUTE = 'kravbank:public';
export const REQUIRED_ROLES = 'kravbank:roles';

/** The route needs no login (the published bank is public). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The route needs one of these roles (checked after login). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The logged-in caller. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().user);
