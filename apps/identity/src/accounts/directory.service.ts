import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OrganizationEntity, UserEntity } from '../database/entities.ts';
import type { DirectoryQuery } from './account-input.ts';
import { containsPattern, directoryScope } from './directory-scope.ts';

/** What the directory shows of a user: who they are and in which state, never keys or certificates. */
export interface DirectoryEntry {
  id: string;
  username: string;
  displayName: string;
  email: string;
  mspId: string;
  organizationName: string;
  role: string;
  status: string;
  createdAt: Date;
}

export interface DirectoryPage {
  users: DirectoryEntry[];
  total: number;
  limit: number;
  offset: number;
}

/** What any signed-in user may know of another: the name shown for them and their organisation's. */
export interface UserName {
  id: string;
  displayName: string;
  mspId: string;
  organizationName: string;
}

@Injectable()
export class DirectoryService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** One page of the users the actor may list, by display name, with how many match in all. */
  async search(actor: UserEntity, query: DirectoryQuery): Promise<DirectoryPage> {
    const mspId = directoryScope(actor, query.org);
    const q = this.users.createQueryBuilder('u').innerJoin(OrganizationEntity, 'o', 'o.msp_id = u.msp_id');
    if (mspId) q.andWhere('u.msp_id = :mspId', { mspId });
    if (query.search) {
      q.andWhere(`(lower(u.username) like :pattern escape '\\' or lower(u.display_name) like :pattern escape '\\' or lower(u.email) like :pattern escape '\\')`, { pattern: containsPattern(query.search) });
    }
    const total = await q.getCount();
    const rows = await q
      .select(['u.id as id', 'u.username as username', 'u.display_name as "displayName"', 'u.email as email', 'u.msp_id as "mspId"', 'o.name as "organizationName"', 'u.role as role', 'u.status as status', 'u.created_at as "createdAt"'])
      .orderBy('lower(u.display_name)')
      .addOrderBy('u.id')
      .limit(query.limit)
      .offset(query.offset)
      .getRawMany<DirectoryEntry>();
    return { users: rows, total, limit: query.limit, offset: query.offset };
  }

  /** Names for ids a screen shows (a catalog's owners); unknown ids are left out. No e-mail, role or state: those stay with admins. */
  async names(ids: readonly string[]): Promise<UserName[]> {
    return this.users
      .createQueryBuilder('u')
      .innerJoin(OrganizationEntity, 'o', 'o.msp_id = u.msp_id')
      .select(['u.id as id', 'u.display_name as "displayName"', 'u.msp_id as "mspId"', 'o.name as "organizationName"'])
      .where('u.id in (:...ids)', { ids })
      .getRawMany<UserName>();
  }
}
