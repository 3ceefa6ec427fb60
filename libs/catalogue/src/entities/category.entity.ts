import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'category' })
export class CategoryEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text', unique: true })
  prefix: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'int' })
  position: number;
}
