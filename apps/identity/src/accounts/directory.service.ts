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
}
